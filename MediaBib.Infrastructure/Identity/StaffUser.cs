using Microsoft.AspNetCore.Identity;

namespace MediaBib.Infrastructure.Identity;

/// <summary>A member of staff (ASP.NET Core Identity). Patrons never sign in with this: they have OPAC credentials.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";

    /// <summary>The library the staff member belongs to (and works at by default).</summary>
    public Guid? LibraryId { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class StaffRole : IdentityRole<Guid>
{
    public StaffRole()
    {
        Id = Guid.CreateVersion7();
    }

    public StaffRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
