using System.Security.Claims;
using MediaBib.Infrastructure.Identity;
using MediaBib.Web.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MediaBib.Web.Security;

public static class SecuritySetup
{
    /// <summary>
    /// Staff authentication (Identity cookie), permission policies, and a fallback policy so that every endpoint
    /// needs a signed-in user unless it says <c>AllowAnonymous</c>.
    /// </summary>
    public static IServiceCollection AddStaffSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddStaffIdentity();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "MediaBib.Staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = AccountEndpoints.LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            // The library chosen for the session is not stored on the account: carry it over when the cookie is renewed.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(StaffClaims.WorksAt) is { } worksAt
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(worksAt.Type, worksAt.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CircuitOrigin>();
        services.AddScoped<CurrentStaff>();
        return services;
    }
}
