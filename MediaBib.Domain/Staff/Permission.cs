namespace MediaBib.Domain.Staff;

/// <summary>
/// What a member of staff may do: the specification's permission matrix. Authorization policies are named after
/// these (<see cref="Permissions.PolicyName"/>), never after roles, so pages and API endpoints ask "may this user
/// check out?" and the role table in <see cref="RolePermissions"/> stays the single answer.
/// </summary>
public enum Permission
{
    RecordsCreate,
    RecordsEdit,
    RecordsDelete,
    ItemsManage,
    PatronsView,
    PatronsManage,
    LoansCheckout,
    ReturnsCheckin,
    Renewals,
    Holds,
    FinesCollect,
    FinesWaive,
    CheckoutOverride,
    Configuration,
    Users,
    Statistics,
    AuditLogView,
}

public static class Permissions
{
    /// <summary>Prefix of every permission policy, e.g. <c>perm:loans-checkout</c>.</summary>
    public const string PolicyPrefix = "perm:";

    /// <summary>Stable code of a permission (used in policy names, API documents and logs).</summary>
    public static string Code(this Permission permission) => permission switch
    {
        Permission.RecordsCreate => "records-create",
        Permission.RecordsEdit => "records-edit",
        Permission.RecordsDelete => "records-delete",
        Permission.ItemsManage => "items-manage",
        Permission.PatronsView => "patrons-view",
        Permission.PatronsManage => "patrons-manage",
        Permission.LoansCheckout => "loans-checkout",
        Permission.ReturnsCheckin => "returns-checkin",
        Permission.Renewals => "renewals",
        Permission.Holds => "holds",
        Permission.FinesCollect => "fines-collect",
        Permission.FinesWaive => "fines-waive",
        Permission.CheckoutOverride => "checkout-override",
        Permission.Configuration => "configuration",
        Permission.Users => "users",
        Permission.Statistics => "statistics",
        Permission.AuditLogView => "audit-log-view",
    };

    /// <summary>The authorization policy that requires <paramref name="permission"/>.</summary>
    public static string PolicyName(this Permission permission) => PolicyPrefix + permission.Code();

    public static IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();
}
