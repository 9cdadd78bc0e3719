namespace MediaBib.Sip2.Library;

/// <summary>
/// A self-check or sorter account, as stored in the database and managed from the admin page.
/// </summary>
/// <param name="Login">The CN login, also the audit actor.</param>
/// <param name="InstitutionId">The AO institution id sent back to the terminal.</param>
/// <param name="LibraryCode">The library (site) the terminal stands in: loans and returns happen there.</param>
/// <param name="LibraryName">Sent as AM in the 98.</param>
/// <param name="AllowedOperations">What this terminal may do; anything else is refused and reported as 'N' in BX.</param>
/// <param name="Charset">"utf-8", "ibm850", "windows-1252"… (any ASCII-compatible code page).</param>
/// <param name="SortBinRules">Check-in sort-bin (CL) rules, first match wins.</param>
/// <param name="CheckinCapturesHolds">Whether a return here traps the item for a waiting hold.</param>
public sealed record TerminalAccount(
    string Login,
    string InstitutionId,
    string LibraryCode,
    string? LibraryName,
    Sip2Operations AllowedOperations,
    string Charset,
    IReadOnlyList<SortBinRule> SortBinRules,
    bool CheckinCapturesHolds)
{
    public bool Allows(Sip2Operations operation) => (AllowedOperations & operation) == operation;
}

/// <summary>Operations a terminal account may be allowed.</summary>
[Flags]
public enum Sip2Operations
{
    None = 0,
    /// <summary>23 patron status, 63 patron information, 35 end session.</summary>
    PatronInformation = 1,
    Checkout = 2,
    Checkin = 4,
    /// <summary>29 renew and 65 renew all.</summary>
    Renew = 8,
    ItemInformation = 16,
    ItemStatusUpdate = 32,
    BlockPatron = 64,
    PatronEnable = 128,
    Hold = 256,
    FeePaid = 512,
    /// <summary>No-block (offline) transactions are accepted and queued.</summary>
    Offline = 1024,
    All = PatronInformation | Checkout | Checkin | Renew | ItemInformation | ItemStatusUpdate | BlockPatron
        | PatronEnable | Hold | FeePaid | Offline,
}

/// <summary>
/// One sort-bin rule: when <paramref name="Field"/> of the returned item compares with <paramref name="Value"/>,
/// the sorter gets <paramref name="Bin"/> in CL. A rule with <see cref="SortBinField.Always"/> is a default.
/// </summary>
public sealed record SortBinRule(SortBinField Field, SortBinOperator Operator, string Value, string Bin);

public enum SortBinField
{
    Always,
    /// <summary>The CV alert type: 01 hold here, 02 hold elsewhere, 04 transfer, 99 other ("" when no alert).</summary>
    AlertType,
    ItemType,
    Section,
    HomeLibrary,
    DestinationLibrary,
    CallNumber,
}

public enum SortBinOperator
{
    Equal,
    NotEqual,
    StartsWith,
    LessThan,
    GreaterThan,
}
