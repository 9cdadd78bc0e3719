using System.Threading.RateLimiting;
using MediaBib.Web.Account;
using MediaBib.Web.Opac;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Security;

/// <summary>
/// One rate limit for every sign-in door (staff form, patron form, patron token): at most
/// <see cref="SignInOptions.SignInPermitsPerMinute"/> attempts per client address and minute, on top of the per-account
/// lockouts. Refused attempts get the sign-in page with a French message, or a 429 problem document on the API.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section))
            .Validate(o => o.SignInPermitsPerMinute >= 1, "Security__SignInPermitsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.SignInPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    return new ValueTask(PatronProblems.RateLimited().ExecuteAsync(http));
                }

                var page = http.Request.Path.StartsWithSegments("/opac", StringComparison.OrdinalIgnoreCase)
                    ? PatronSecurity.LoginPath
                    : AccountEndpoints.LoginPath;
                http.Response.Redirect(page + "?error=rate");
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}

/// <summary>Settings of the sign-in rate limit (section <c>Security</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Sign-in attempts allowed per client address and minute. A library whose public computers share one address
    /// behind NAT may need more.
    /// </summary>
    public int SignInPermitsPerMinute { get; set; } = 30;
}
