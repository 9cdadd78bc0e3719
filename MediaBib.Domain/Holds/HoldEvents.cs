using MediaBib.Domain.Common;

namespace MediaBib.Domain.Holds;

public sealed record HoldPlaced(Guid HoldId, Guid RecordId, Guid? ItemId, Guid PatronId, Guid PickupLibraryId) : DomainEvent
{
    public override string Type => "hold.placed";
}

public sealed record HoldWaiting(Guid HoldId, Guid RecordId, Guid ItemId, Guid? PatronId, Guid PickupLibraryId, DateOnly PickupDeadline) : DomainEvent
{
    /// <summary>The outbox type, for the subscribers that react to it (hold-ready notice, desk toast).</summary>
    public const string EventType = "hold.waiting";

    public override string Type => EventType;
}

public sealed record HoldInTransit(Guid HoldId, Guid RecordId, Guid ItemId, Guid? PatronId, Guid PickupLibraryId) : DomainEvent
{
    public override string Type => "hold.in_transit";
}

public sealed record HoldCancelled(Guid HoldId, Guid RecordId, Guid? PatronId) : DomainEvent
{
    public override string Type => "hold.cancelled";
}

public sealed record HoldExpired(Guid HoldId, Guid RecordId, Guid? PatronId) : DomainEvent
{
    public override string Type => "hold.expired";
}

public sealed record HoldFulfilled(Guid HoldId, Guid RecordId, Guid LoanId, Guid? PatronId) : DomainEvent
{
    public override string Type => "hold.fulfilled";
}
