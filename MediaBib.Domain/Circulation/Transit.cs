using MediaBib.Domain.Common;

namespace MediaBib.Domain.Circulation;

/// <summary>Why an item travels between libraries.</summary>
public enum TransitReason
{
    /// <summary>To the pickup library of a hold.</summary>
    Hold,

    /// <summary>Back to its home library after a return elsewhere.</summary>
    ReturnHome,

    /// <summary>Moved by staff (rebalancing, exhibition).</summary>
    Manual,
}

/// <summary>An item on its way from one library to another (the shuttle, "la navette").</summary>
public sealed class Transit : Entity
{
    private Transit()
    {
    }

    public Transit(Guid itemId, Guid fromLibraryId, Guid toLibraryId, TransitReason reason, DateTime sentAt, Guid? holdId = null)
    {
        if (fromLibraryId == toLibraryId)
        {
            throw new DomainException("A transit goes somewhere else.");
        }

        ItemId = itemId;
        FromLibraryId = fromLibraryId;
        ToLibraryId = toLibraryId;
        Reason = reason;
        SentAt = sentAt;
        HoldId = holdId;
        Raise(new TransitStarted(Id, itemId, fromLibraryId, toLibraryId, reason.ToString()));
    }

    public Guid ItemId { get; private set; }

    public Guid FromLibraryId { get; private set; }

    public Guid ToLibraryId { get; private set; }

    public TransitReason Reason { get; private set; }

    public Guid? HoldId { get; private set; }

    public DateTime SentAt { get; private set; }

    public DateTime? ReceivedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public bool IsOpen => ReceivedAt is null && CancelledAt is null;

    public void Receive(DateTime utcNow)
    {
        ReceivedAt = IsOpen ? utcNow : throw new DomainException("Transit already closed.");
        Raise(new TransitReceived(Id, ItemId, ToLibraryId));
    }

    public void Cancel(DateTime utcNow) => CancelledAt = IsOpen ? utcNow : throw new DomainException("Transit already closed.");
}
