namespace MediaBib.Infrastructure.Identity;

/// <summary>Claim types MediaBib adds to a staff sign-in.</summary>
public static class StaffClaims
{
    /// <summary>The name shown in the app bar and the audit log.</summary>
    public const string DisplayName = "mb:display_name";

    /// <summary>The library the member of staff belongs to.</summary>
    public const string HomeLibrary = "mb:home_library";

    /// <summary>The library the member of staff works at for this session (the desk's location).</summary>
    public const string WorksAt = "mb:works_at";
}
