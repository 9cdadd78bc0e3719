namespace MediaBib.Domain.Staff;

/// <summary>The staff roles of the specification. Role names are stored in the identity tables as written here.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Cataloguer = "Cataloguer";
    public const string Circulation = "Circulation";

    public static IReadOnlyList<string> All { get; } = [Admin, Cataloguer, Circulation];
}
