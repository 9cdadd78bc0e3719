namespace MediaBib.Sip2.Library;

/// <summary>Identifies a patron in a request: AA, with AD (patron password) when the terminal sent one.</summary>
public sealed record PatronQuery(string PatronIdentifier, string? PatronPassword);

/// <summary>The 14 patron status flags, in SIP2 order (a set flag is sent as 'Y').</summary>
[Flags]
public enum PatronFlags
{
    None = 0,
    ChargePrivilegesDenied = 1 << 0,
    RenewalPrivilegesDenied = 1 << 1,
    RecallPrivilegesDenied = 1 << 2,
    HoldPrivilegesDenied = 1 << 3,
    CardReportedLost = 1 << 4,
    TooManyItemsCharged = 1 << 5,
    TooManyItemsOverdue = 1 << 6,
    TooManyRenewals = 1 << 7,
    TooManyClaimsOfItemsReturned = 1 << 8,
    TooManyItemsLost = 1 << 9,
    ExcessiveOutstandingFines = 1 << 10,
    ExcessiveOutstandingFees = 1 << 11,
    RecallOverdue = 1 << 12,
    TooManyItemsBilled = 1 << 13,
}

/// <summary>
/// A patron as 24/26 report it. <paramref name="Valid"/> false means unknown card: the protocol sends "YYYY" + spaces
/// and BL N. <paramref name="PasswordValid"/> is null when no AD was sent (no CQ then).
/// </summary>
public sealed record PatronStatus(
    bool Valid,
    string PatronIdentifier,
    string PersonalName,
    PatronFlags Flags,
    bool? PasswordValid,
    decimal? FeeAmount,
    string? ScreenMessage = null,
    string? PrintLine = null)
{
    public static PatronStatus Unknown(string patronIdentifier, string screenMessage) =>
        new(false, patronIdentifier, "", PatronFlags.ChargePrivilegesDenied | PatronFlags.RenewalPrivilegesDenied
            | PatronFlags.RecallPrivilegesDenied | PatronFlags.HoldPrivilegesDenied, null, null, screenMessage);
}

/// <summary>The detail list a 63 asks for (the first 'Y' of its summary field).</summary>
public enum PatronItemList
{
    None,
    HoldItems,
    OverdueItems,
    ChargedItems,
    FineItems,
    RecallItems,
    UnavailableHolds,
}

/// <summary>64 content: status, the six counts, limits, contact fields and the requested list (item ids or lines).</summary>
public sealed record PatronInformation(
    PatronStatus Status,
    int HoldItemsCount,
    int OverdueItemsCount,
    int ChargedItemsCount,
    int FineItemsCount,
    int RecallItemsCount,
    int UnavailableHoldsCount,
    IReadOnlyList<string> Items,
    int? HoldItemsLimit = null,
    int? OverdueItemsLimit = null,
    int? ChargedItemsLimit = null,
    decimal? FeeLimit = null,
    string? HomeAddress = null,
    string? Email = null,
    string? HomePhone = null);

/// <summary>01 Block patron input.</summary>
public sealed record BlockPatronCommand(string PatronIdentifier, bool CardRetained, string? BlockedCardMessage);

/// <summary>35 result.</summary>
public sealed record EndSessionResult(bool Ended, string? ScreenMessage = null);

/// <summary>37 input. <paramref name="FeeType"/> and <paramref name="PaymentType"/> are the SIP2 codes (e.g. 01 other / 00 cash).</summary>
public sealed record FeePayment(
    string PatronIdentifier,
    string? PatronPassword,
    decimal Amount,
    int FeeType,
    int PaymentType,
    string? FeeIdentifier,
    string? TransactionId);

/// <summary>38 result.</summary>
public sealed record FeePaidResult(Sip2Refusal? Refusal, string? TransactionId = null, string? ScreenMessage = null)
{
    public bool Accepted => Refusal is null;
}
