namespace MediaBib.Domain.Staff;

/// <summary>
/// The permission matrix: the single source from which authorization policies, the navigation and the matrix test
/// are derived.
/// </summary>
/// <remarks>
/// Decisions where the specification leaves room:
/// <list type="bullet">
/// <item>Cataloguers do <b>not</b> see patrons. They catalogue and manage items; the item page will show whether an
/// item is on loan without naming the borrower. This follows GDPR data minimisation (no need to know).</item>
/// <item>Circulation staff collect fines but do not waive them, and cannot override a refused checkout: both are
/// Admin decisions and audited as warnings.</item>
/// <item>Only Admin reads the audit log (it holds personal data of patrons and staff). The desk's patron file shows
/// the part of it about that patron (the patron, their loans, holds, fines, notices) to those who see the patron
/// (PatronsView), without addresses or browsers: staff at the desk need it to answer the patron.</item>
/// </list>
/// </remarks>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<Permission>> Matrix = new(StringComparer.Ordinal)
    {
        [StaffRoles.Admin] = [.. Enum.GetValues<Permission>()],
        [StaffRoles.Cataloguer] =
        [
            Permission.RecordsCreate, Permission.RecordsEdit, Permission.RecordsDelete, Permission.ItemsManage,
            Permission.Statistics,
        ],
        [StaffRoles.Circulation] =
        [
            Permission.PatronsView, Permission.PatronsManage, Permission.LoansCheckout, Permission.ReturnsCheckin,
            Permission.Renewals, Permission.Holds, Permission.FinesCollect,
        ],
    };

    /// <summary>Permissions granted to a role; none for an unknown role.</summary>
    public static IReadOnlySet<Permission> Of(string role) =>
        Matrix.TryGetValue(role, out var permissions) ? permissions : new HashSet<Permission>();

    public static bool Allows(string role, Permission permission) => Of(role).Contains(permission);

    /// <summary>Roles that hold <paramref name="permission"/> (what a policy requires).</summary>
    public static IReadOnlyList<string> RolesWith(Permission permission) =>
        [.. StaffRoles.All.Where(r => Allows(r, permission))];
}
