using MediaBib.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace MediaBib.Web.Security;

public static class PermissionPolicies
{
    /// <summary>
    /// One policy per permission ("perm:loans-checkout"), granted to the roles that <see cref="RolePermissions"/>
    /// gives it. Pages and API endpoints name the permission, never the role.
    /// </summary>
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            var roles = RolePermissions.RolesWith(permission);
            builder.AddPolicy(permission.PolicyName(), p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
