namespace MediaBib.Sip2.Library;

/// <summary>SIP2 circulation status of an item (18, fixed field, 01–13).</summary>
public enum ItemCirculationStatus
{
    Other = 1,
    OnOrder = 2,
    Available = 3,
    Charged = 4,
    ChargedNotToBeRecalledUntilEarliestRecallDate = 5,
    InProcess = 6,
    Recalled = 7,
    WaitingOnHoldShelf = 8,
    WaitingToBeReshelved = 9,
    InTransit = 10,
    ClaimedReturned = 11,
    Lost = 12,
    Missing = 13,
}

/// <summary>SIP2 security marker (18): 00 other, 01 none, 02 3M Tattle-Tape, 03 3M Whisper Tape.</summary>
public enum SecurityMarker
{
    Other = 0,
    None = 1,
    TattleTape = 2,
    WhisperTape = 3,
}

/// <summary>18 content.</summary>
public sealed record ItemInformation(
    string ItemIdentifier,
    string Title,
    ItemCirculationStatus CirculationStatus,
    SecurityMarker SecurityMarker = SecurityMarker.TattleTape,
    int FeeType = 1,
    int? HoldQueueLength = null,
    DateTimeOffset? DueDate = null,
    DateTimeOffset? RecallDate = null,
    DateTimeOffset? HoldPickupDate = null,
    string? Owner = null,
    decimal? FeeAmount = null,
    string? MediaType = null,
    string? PermanentLocation = null,
    string? CurrentLocation = null,
    string? ItemProperties = null,
    string? ScreenMessage = null);

/// <summary>20 content.</summary>
public sealed record ItemStatusUpdateResult(Sip2Refusal? Refusal, string? Title = null, string? ScreenMessage = null)
{
    public bool Ok => Refusal is null;
}
