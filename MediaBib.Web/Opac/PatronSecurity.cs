using System.Globalization;
using System.Security.Claims;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MediaBib.Web.Opac;

/// <summary>
/// The patrons' door, apart from staff: a cookie scheme for the OPAC pages (<c>MediaBib.Opac</c>, path <c>/opac</c>)
/// and a bearer scheme for <c>/api/v1/opac/account</c> (short-lived <c>mbp_…</c> tokens, see
/// <see cref="PatronTokens"/>). Both carry the patron's id and a stamp of their password: a password change ends the
/// other sessions and tokens. Sign-in attempts are rate limited per client address (<see cref="SignInRateLimit"/>).
/// </summary>
public static class PatronSecurity
{
    public const string CookieScheme = "Patron";
    public const string TokenScheme = "PatronToken";
    public const string Policy = "opac-patron";
    public const string ApiPolicy = "opac-patron-api";
    public const string LoginPath = "/opac/connexion";
    public const string AccountPath = "/opac/compte";

    public const string PatronIdClaim = "mb:patron_id";
    public const string CardClaim = "mb:card";
    public const string StampClaim = "mb:patron_stamp";
    public const string HomeLibraryClaim = "mb:patron_library";

    public static IServiceCollection AddPatronSecurity(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "MediaBib.Opac";
                o.Cookie.Path = "/opac";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = LoginPath;
                o.AccessDeniedPath = LoginPath;
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, PatronTokenHandler>(TokenScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireClaim(PatronIdClaim))
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(TokenScheme).RequireClaim(PatronIdClaim));
        services.AddSingleton<PatronTokens>();

        return services;
    }

    public static ClaimsPrincipal Principal(PatronIdentity patron, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(PatronIdClaim, patron.Id.ToString("D", CultureInfo.InvariantCulture)),
        new Claim(CardClaim, patron.CardNumber),
        new Claim(ClaimTypes.Name, patron.FirstName),
        new Claim(StampClaim, patron.Stamp),
        new Claim(HomeLibraryClaim, patron.HomeLibraryId.ToString("D", CultureInfo.InvariantCulture)),
    ], scheme));

    /// <summary>The signed-in patron's id, or null.</summary>
    public static Guid? PatronId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PatronIdClaim), CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The patron as the audit log records them: their card number, their library, the request's origin.</summary>
    public static Actor ActorOf(ClaimsPrincipal user, HttpContext http)
    {
        var origin = RequestOrigin.From(http);
        var library = Guid.TryParse(user.FindFirstValue(HomeLibraryClaim), CultureInfo.InvariantCulture, out var l) ? l : (Guid?)null;
        return PatronActor.For(user.FindFirstValue(CardClaim) ?? "?", library, origin.Ip, origin.UserAgent, origin.RequestId);
    }

    /// <summary>The patron signed in on the OPAC (cookie), from any page, including anonymous ones.</summary>
    public static async Task<ClaimsPrincipal?> CurrentPatronAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieScheme);
        return result.Succeeded && PatronId(result.Principal) is not null ? result.Principal : null;
    }

    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var current = PatronId(context.Principal!) is { } id
            ? await context.HttpContext.RequestServices.GetRequiredService<PatronCredentials>().CurrentAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (current is null || current.Stamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}

