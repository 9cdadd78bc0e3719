using System.Globalization;
using System.Security.Claims;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace MediaBib.Web.Security;

/// <summary>Builds the audit <see cref="Actor"/> of a signed-in member of staff.</summary>
public static class StaffActor
{
    public static Actor From(ClaimsPrincipal user, RequestOrigin? origin) => new(
        ActorKind.Staff,
        user.Identity?.Name ?? "anonyme",
        ParseGuid(user.FindFirstValue(ClaimTypes.NameIdentifier)),
        WorksAt(user),
        origin?.Ip,
        origin?.UserAgent,
        origin?.RequestId);

    /// <summary>The library the user works at: the one chosen for the session, else their own.</summary>
    public static Guid? WorksAt(ClaimsPrincipal user) =>
        ParseGuid(user.FindFirstValue(StaffClaims.WorksAt)) ?? ParseGuid(user.FindFirstValue(StaffClaims.HomeLibrary));

    private static Guid? ParseGuid(string? value) =>
        Guid.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>The signed-in member of staff inside an interactive circuit.</summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication, CircuitOrigin origin)
{
    public async Task<Actor> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return StaffActor.From(state.User, origin.Value);
    }

    /// <summary>The name colleagues know the user by (shown to them, e.g. who is editing a record), else the user name.</summary>
    public async Task<string> DisplayNameAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.FindFirstValue(StaffClaims.DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "anonyme";
    }
}
