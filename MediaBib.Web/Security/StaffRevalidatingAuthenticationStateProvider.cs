using System.Security.Claims;
using MediaBib.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Security;

/// <summary>
/// Re-checks an open circuit's user every few minutes: a circuit lives for hours, and an account disabled or given a
/// new password meanwhile (both renew the security stamp) must lose access without waiting for a page reload.
/// </summary>
public sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await IsValidAsync(users, state.User, options.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    public static async Task<bool> IsValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal, string stampClaimType)
    {
        if (await users.GetUserAsync(principal) is not { } user || user.IsDisabled)
        {
            return false;
        }

        return !users.SupportsUserSecurityStamp
            || principal.FindFirstValue(stampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
