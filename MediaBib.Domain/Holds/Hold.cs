using MediaBib.Domain.Common;

namespace MediaBib.Domain.Holds;

/// <summary>Life of a hold (French "réservation").</summary>
public enum HoldStatus
{
    /// <summary>In the queue, waiting for an item to come back.</summary>
    Pending,

    /// <summary>An item was trapped for it and travels to the pickup library.</summary>
    InTransit,

    /// <summary>The trapped item is on the hold shelf; the patron may collect it until the pickup deadline.</summary>
    Waiting,
    Fulfilled,
    Cancelled,
    Expired,
}

/// <summary>
/// A patron's request for a title (any item of the record) or for one item. Queue order is by request time unless
/// staff reorder it (<see cref="Priority"/>).
/// </summary>
public sealed class Hold : Entity
{
    private Hold()
    {
    }

    public Hold(Guid recordId, Guid patronId, Guid pickupLibraryId, DateTime requestedAt, Guid? itemId = null, DateOnly? notNeededAfter = null)
    {
        RecordId = recordId;
        PatronId = patronId;
        PickupLibraryId = pickupLibraryId;
        RequestedAt = requestedAt;
        ItemId = itemId;
        IsItemLevel = itemId is not null;
        NotNeededAfter = notNeededAfter;
        Status = HoldStatus.Pending;
        Raise(new HoldPlaced(Id, recordId, itemId, patronId, pickupLibraryId));
    }

    public Guid RecordId { get; private set; }

    /// <summary>For an item-level hold, the wanted item; for a title-level hold, the trapped item once there is one.</summary>
    public Guid? ItemId { get; private set; }

    public bool IsItemLevel { get; private set; }

    /// <summary>Null once the hold history has been anonymised.</summary>
    public Guid? PatronId { get; private set; }

    public Guid PickupLibraryId { get; private set; }

    public HoldStatus Status { get; private set; }

    public DateTime RequestedAt { get; private set; }

    /// <summary>Queue position override set by staff; lower comes first. Null means "by request time".</summary>
    public int? Priority { get; private set; }

    public DateOnly? SuspendedUntil { get; private set; }

    /// <summary>The patron's own limit: not interested after this date. Distinct from the pickup deadline.</summary>
    public DateOnly? NotNeededAfter { get; private set; }

    public DateTime? WaitingSince { get; private set; }

    /// <summary>Last day to collect a waiting hold (from the rule's pickup delay).</summary>
    public DateOnly? PickupDeadline { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public Guid? LoanId { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// Statuses of a hold still in play (queued, travelling, on the shelf). The one list every query filters on, so
    /// "active" means the same at the desk, in the API, on a kiosk and in the OPAC.
    /// </summary>
    public static IReadOnlyList<HoldStatus> ActiveStatuses { get; } = [HoldStatus.Pending, HoldStatus.InTransit, HoldStatus.Waiting];

    public bool IsActive => Status is HoldStatus.Pending or HoldStatus.InTransit or HoldStatus.Waiting;

    public bool IsSuspended(DateOnly today) => SuspendedUntil is { } until && until >= today;

    public void Suspend(DateOnly until) => SuspendedUntil = until;

    public void Resume() => SuspendedUntil = null;

    public void SetPriority(int? priority) => Priority = priority;

    public void ChangePickupLibrary(Guid libraryId) => PickupLibraryId = libraryId;

    /// <summary>The hold now asks for another record (two records of the same title merged); its date keeps its place in the queue.</summary>
    public void MoveToRecord(Guid recordId) => RecordId = recordId;

    public void StartTransit(Guid itemId)
    {
        EnsureActive();
        ItemId = itemId;
        Status = HoldStatus.InTransit;
        Raise(new HoldInTransit(Id, RecordId, itemId, PatronId, PickupLibraryId));
    }

    public void MarkWaiting(Guid itemId, DateTime utcNow, DateOnly pickupDeadline)
    {
        EnsureActive();
        ItemId = itemId;
        Status = HoldStatus.Waiting;
        WaitingSince = utcNow;
        PickupDeadline = pickupDeadline;
        Raise(new HoldWaiting(Id, RecordId, itemId, PatronId, PickupLibraryId, pickupDeadline));
    }

    /// <summary>Puts a trapped hold back in the queue (the trapped item went missing, staff untrapped it).</summary>
    public void ReleaseTrap()
    {
        EnsureActive();
        Status = HoldStatus.Pending;
        WaitingSince = null;
        PickupDeadline = null;
        if (!IsItemLevel)
        {
            ItemId = null;
        }
    }

    public void Fulfil(Guid loanId, DateTime utcNow)
    {
        EnsureActive();
        Status = HoldStatus.Fulfilled;
        LoanId = loanId;
        ClosedAt = utcNow;
        Raise(new HoldFulfilled(Id, RecordId, loanId, PatronId));
    }

    public void Cancel(DateTime utcNow, string? reason)
    {
        EnsureActive();
        Status = HoldStatus.Cancelled;
        CancellationReason = Guard.Optional(reason, "reason", 500);
        ClosedAt = utcNow;
        Raise(new HoldCancelled(Id, RecordId, PatronId));
    }

    public void Expire(DateTime utcNow)
    {
        EnsureActive();
        Status = HoldStatus.Expired;
        ClosedAt = utcNow;
        Raise(new HoldExpired(Id, RecordId, PatronId));
    }

    public void Anonymize()
    {
        if (IsActive)
        {
            throw new DomainException("Cannot anonymise an active hold.");
        }

        PatronId = null;
    }

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw new DomainException($"Hold {Id} is {Status}.");
        }
    }
}
