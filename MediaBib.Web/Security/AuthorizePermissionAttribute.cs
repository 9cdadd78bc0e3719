using MediaBib.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace MediaBib.Web.Security;

/// <summary>Requires a permission of the matrix: <c>@attribute [AuthorizePermission(Permission.Configuration)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AuthorizePermissionAttribute : AuthorizeAttribute
{
    public AuthorizePermissionAttribute(Permission permission)
    {
        Permission = permission;
        Policy = permission.PolicyName();
    }

    public Permission Permission { get; }
}
