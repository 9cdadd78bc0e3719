namespace MediaBib.Domain.Items;

/// <summary>Where an item stands in circulation. Transitions are owned by the circulation engine.</summary>
public enum ItemStatus
{
    Available,
    OnLoan,

    /// <summary>Trapped for a hold and waiting on the hold shelf of the pickup library.</summary>
    OnHoldShelf,
    InTransit,

    /// <summary>Being catalogued, covered or repaired before going on the shelf.</summary>
    InProcessing,
    Lost,
    Missing,
    ClaimedReturned,
    Damaged,
    Withdrawn,
}
