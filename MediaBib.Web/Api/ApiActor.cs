using System.Security.Claims;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace MediaBib.Web.Api;

/// <summary>Who calls the API (a member of staff with a cookie, or a token), as the audit log records it.</summary>
public static class ApiActor
{
    public static Actor From(HttpContext http)
    {
        var user = http.User;
        var isToken = user.FindFirstValue(ApiTokenAuthenticationHandler.ActorKindClaim) == "api";
        var staff = StaffActor.From(user, RequestOrigin.From(http));
        return isToken ? staff with { Kind = ActorKind.Api } : staff;
    }

    public static async Task<bool> MayAsync(HttpContext http, Permission permission)
    {
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, permission.PolicyName())).Succeeded;
    }
}
