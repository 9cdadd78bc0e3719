using MediaBib.Domain.Common;

namespace MediaBib.Infrastructure.Sip2;

/// <summary>
/// A self-check kiosk or return sorter account for the SIP2 worker: the login it sends in 93, a password hash
/// (ASP.NET Core <c>PasswordHasher</c> format, never the clear password), the library it stands in, what it may do,
/// its character set and the check-in sort-bin rules. The worker re-reads it on every login, so a change made from
/// the admin page applies at the kiosk's next login without restarting anything.
/// </summary>
public sealed class Sip2Terminal : Entity
{
    public const int LoginMaxLength = 64;

    public const int MinPasswordLength = 8;

    private Sip2Terminal()
    {
    }

    public Sip2Terminal(string login, Guid libraryId, IEnumerable<string> allowedOperations, string charset, bool checkinCapturesHolds)
    {
        Login = NormalizeLogin(login);
        LibraryId = libraryId;
        Configure(allowedOperations, charset, checkinCapturesHolds, SortBinRules);
    }

    /// <summary>The CN login (case-sensitive as kiosks send it), unique.</summary>
    public string Login { get; private set; } = "";

    /// <summary>Hash of the CO password; the name keeps it out of audit entries.</summary>
    public string PasswordHash { get; private set; } = "";

    public Guid LibraryId { get; private set; }

    /// <summary>Operation names (the worker's <c>Sip2Operations</c> flags, e.g. "Checkout", "Checkin", "Offline").</summary>
    public List<string> AllowedOperations { get; private set; } = [];

    /// <summary>"utf-8", "ibm850", "windows-1252"…</summary>
    public string Charset { get; private set; } = "utf-8";

    /// <summary>Sort-bin rules as JSON: an array of { "field", "operator", "value", "bin" }, first match wins.</summary>
    public string SortBinRules { get; private set; } = "[]";

    public bool CheckinCapturesHolds { get; private set; }

    public bool IsEnabled { get; private set; } = true;

    public override string ToAuditLabel() => $"Borne SIP2 {Login}";

    public static string NormalizeLogin(string login) =>
        login?.Trim() is { Length: > 0 and <= LoginMaxLength } l && !l.Contains('|', StringComparison.Ordinal)
            ? l
            : throw new ValidationException(nameof(Login), ValidationError.Required);

    public void SetPasswordHash(string hash) => PasswordHash = Text(hash, nameof(PasswordHash), 512);

    public void Configure(IEnumerable<string> allowedOperations, string charset, bool checkinCapturesHolds, string sortBinRulesJson)
    {
        AllowedOperations = [.. allowedOperations.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal)];
        Charset = Text(charset, nameof(Charset), 32).ToLowerInvariant();
        CheckinCapturesHolds = checkinCapturesHolds;
        SortBinRules = string.IsNullOrWhiteSpace(sortBinRulesJson) ? "[]" : sortBinRulesJson;
    }

    private static string Text(string? value, string field, int maxLength) =>
        value?.Trim() is { Length: > 0 } v
            ? v.Length <= maxLength ? v : throw new ValidationException(field, ValidationError.TooLong)
            : throw new ValidationException(field, ValidationError.Required);

    public void MoveTo(Guid libraryId) => LibraryId = libraryId;

    public void Enable() => IsEnabled = true;

    public void Disable() => IsEnabled = false;
}
