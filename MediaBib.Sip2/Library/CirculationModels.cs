namespace MediaBib.Sip2.Library;

/// <summary>11 Checkout input.</summary>
/// <param name="ScRenewalPolicy">The SC allows a checkout of an item already lent to this patron to be a renewal.</param>
/// <param name="NoBlock">Offline transaction done by the kiosk earlier: apply it (queue it) rather than refuse.</param>
/// <param name="FeeAcknowledged">BO=Y: the patron accepted the rental fee.</param>
/// <param name="Cancel">BI=Y: undo a checkout the kiosk could not finish (e.g. desensitize failed).</param>
public sealed record CheckoutCommand(
    string PatronIdentifier,
    string ItemIdentifier,
    string? PatronPassword,
    bool ScRenewalPolicy,
    bool NoBlock,
    DateTimeOffset? TransactionDate,
    DateTimeOffset? NoBlockDueDate,
    bool FeeAcknowledged,
    bool Cancel,
    string? ItemProperties);

/// <summary>29 Renew input. <paramref name="ItemIdentifier"/> or <paramref name="TitleIdentifier"/> names the loan.</summary>
public sealed record RenewCommand(
    string PatronIdentifier,
    string? PatronPassword,
    string? ItemIdentifier,
    string? TitleIdentifier,
    bool ThirdPartyAllowed,
    bool NoBlock,
    DateTimeOffset? TransactionDate,
    DateTimeOffset? NoBlockDueDate,
    bool FeeAcknowledged,
    string? ItemProperties);

/// <summary>12 / 30 content. A null <paramref name="Refusal"/> means ok.</summary>
public sealed record LoanResult(
    Sip2Refusal? Refusal,
    string PatronIdentifier,
    string ItemIdentifier,
    string Title,
    DateTimeOffset? DueDate,
    bool RenewalOk = false,
    Sip2Tristate MagneticMedia = Sip2Tristate.Unknown,
    Sip2Tristate Desensitize = Sip2Tristate.Unknown,
    LoanFee? Fee = null,
    string? MediaType = null,
    string? ItemProperties = null,
    string? ScreenMessage = null,
    string? PrintLine = null)
{
    public bool Ok => Refusal is null;
}

/// <summary>09 Checkin input. <paramref name="CaptureHolds"/> comes from the terminal account.</summary>
public sealed record CheckinCommand(
    string ItemIdentifier,
    string? CurrentLocation,
    bool NoBlock,
    DateTimeOffset? TransactionDate,
    DateTimeOffset? ReturnDate,
    bool Cancel,
    bool CaptureHolds,
    string? ItemProperties);

/// <summary>CV alert types.</summary>
public enum CheckinAlertType
{
    /// <summary>01: a hold waits for this item here: put it on the hold shelf.</summary>
    HoldHere,
    /// <summary>02: a hold waits for it at another library (CT).</summary>
    HoldElsewhere,
    /// <summary>04: send the item to another library (CT).</summary>
    Transfer,
    /// <summary>99: any other reason to put the item aside (refused return, additional material…).</summary>
    Other,
}

/// <summary>10 content, plus what sort-bin rules look at (item type, section, libraries, call number).</summary>
public sealed record CheckinResult(
    Sip2Refusal? Refusal,
    string ItemIdentifier,
    string PermanentLocation,
    string? Title = null,
    string? PatronIdentifier = null,
    CheckinAlertType? Alert = null,
    string? DestinationLibrary = null,
    string? HoldPatronIdentifier = null,
    string? HoldPatronName = null,
    Sip2Tristate MagneticMedia = Sip2Tristate.Unknown,
    Sip2Tristate Resensitize = Sip2Tristate.Yes,
    string? MediaType = null,
    string? ItemType = null,
    string? Section = null,
    string? HomeLibrary = null,
    string? CallNumber = null,
    string? ItemProperties = null,
    string? ScreenMessage = null,
    string? PrintLine = null)
{
    public bool Ok => Refusal is null;
}

/// <summary>66 content: item ids renewed (BM) and not renewed (BN).</summary>
public sealed record RenewAllResult(
    Sip2Refusal? Refusal,
    IReadOnlyList<string> Renewed,
    IReadOnlyList<string> Unrenewed,
    string? ScreenMessage = null)
{
    public bool Ok => Refusal is null;
}

/// <summary>15 input. <paramref name="HoldType"/>: 1 other, 2 any copy of a title, 3 a specific copy, 4 any copy at one library.</summary>
public sealed record HoldCommand(
    string PatronIdentifier,
    string? PatronPassword,
    string? ItemIdentifier,
    string? TitleIdentifier,
    string? PickupLocation,
    DateTimeOffset? ExpirationDate,
    int HoldType,
    bool FeeAcknowledged);

/// <summary>16 content.</summary>
public sealed record HoldResult(
    Sip2Refusal? Refusal,
    bool Available = false,
    DateTimeOffset? ExpirationDate = null,
    int? QueuePosition = null,
    string? PickupLocation = null,
    string? ItemIdentifier = null,
    string? Title = null,
    string? ScreenMessage = null)
{
    public bool Ok => Refusal is null;
}
