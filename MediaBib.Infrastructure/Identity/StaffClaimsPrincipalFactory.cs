using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Identity;

/// <summary>Adds the display name and the home library to the identity Identity builds from a staff account.</summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> userManager,
    RoleManager<StaffRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, StaffRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.LibraryId is { } library)
        {
            identity.AddClaim(new Claim(StaffClaims.HomeLibrary, library.ToString("D", CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
