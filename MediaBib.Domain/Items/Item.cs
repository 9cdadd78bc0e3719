using MediaBib.Domain.Common;

namespace MediaBib.Domain.Items;

/// <summary>
/// A physical copy of a record, identified by its barcode. Its status changes only through circulation verbs so the
/// desk, the API and the self-check cannot disagree about where it is.
/// </summary>
public sealed class Item : Entity
{
    private Item()
    {
    }

    public Item(Guid recordId, Guid libraryId, Guid itemTypeId, Barcode barcode)
    {
        RecordId = recordId;
        HomeLibraryId = libraryId;
        CurrentLibraryId = libraryId;
        ItemTypeId = itemTypeId;
        Barcode = barcode;
        Status = ItemStatus.Available;
    }

    public Guid RecordId { get; private set; }

    /// <summary>The owning library, where the item returns unless the rules let it float.</summary>
    public Guid HomeLibraryId { get; private set; }

    /// <summary>Where the item physically is (or is heading to, while in transit).</summary>
    public Guid CurrentLibraryId { get; private set; }

    public Guid? SectionId { get; private set; }

    public Guid? ShelfId { get; private set; }

    public Guid ItemTypeId { get; private set; }

    public Barcode Barcode { get; private set; }

    public string? CallNumber { get; private set; }

    public string? InventoryNumber { get; private set; }

    public ItemStatus Status { get; private set; }

    public DateTime StatusChangedAt { get; private set; }

    /// <summary>Free-text condition note ("couverture abîmée").</summary>
    public string? Condition { get; private set; }

    /// <summary>Replacement price in euros, charged when the item is lost.</summary>
    public decimal? Price { get; private set; }

    public DateOnly? AcquiredOn { get; private set; }

    public string? RfidTag { get; private set; }

    /// <summary>This copy is never lent (regardless of its type).</summary>
    public bool NotForLoan { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public override string ToAuditLabel() => $"Exemplaire {Barcode}";

    public void Place(Guid? sectionId, Guid? shelfId, string? callNumber)
    {
        SectionId = sectionId;
        ShelfId = shelfId;
        CallNumber = Guard.Optional(callNumber, nameof(CallNumber), 100);
    }

    public void Describe(string? inventoryNumber, string? condition, decimal? price, DateOnly? acquiredOn, string? rfidTag)
    {
        InventoryNumber = Guard.Optional(inventoryNumber, nameof(InventoryNumber), 50);
        Condition = Guard.Optional(condition, nameof(Condition), 500);
        Price = price is null ? null : Guard.NotNegative(price.Value, nameof(Price));
        AcquiredOn = acquiredOn;
        RfidTag = Guard.Optional(rfidTag, nameof(RfidTag), 64);
    }

    public void ChangeBarcode(Barcode barcode) => Barcode = barcode;

    public void ChangeType(Guid itemTypeId) => ItemTypeId = itemTypeId;

    public void SetNotForLoan(bool notForLoan) => NotForLoan = notForLoan;

    public void MoveHome(Guid libraryId) => HomeLibraryId = libraryId;

    /// <summary>Attaches the copy to another record (when two records of the same title are merged).</summary>
    public void MoveToRecord(Guid recordId) => RecordId = recordId;

    /// <summary>Lendable right now by the desk (the hold-shelf case is decided by the checkout rules).</summary>
    public bool IsOnShelf => Status == ItemStatus.Available;

    /// <summary>
    /// Changes the status; the circulation engine decides when. A transition the life of an item does not allow
    /// (a withdrawn item lent, a lost item sent in transit without being found) is a bug and throws.
    /// </summary>
    public void SetStatus(ItemStatus status, DateTime utcNow, Guid? currentLibraryId = null)
    {
        if (!ItemTransitions.IsAllowed(Status, status))
        {
            throw new DomainException($"Item {Barcode}: {Status} → {status} is not a valid transition.");
        }

        Status = status;
        StatusChangedAt = utcNow;
        if (currentLibraryId is { } library)
        {
            CurrentLibraryId = library;
        }
    }

    public void Lend(DateTime utcNow) => SetStatus(ItemStatus.OnLoan, utcNow);

    public void PutOnShelf(Guid libraryId, DateTime utcNow) => SetStatus(ItemStatus.Available, utcNow, libraryId);

    public void PutOnHoldShelf(Guid libraryId, DateTime utcNow) => SetStatus(ItemStatus.OnHoldShelf, utcNow, libraryId);

    /// <summary>On its way: <see cref="CurrentLibraryId"/> becomes the destination.</summary>
    public void SendTo(Guid libraryId, DateTime utcNow) => SetStatus(ItemStatus.InTransit, utcNow, libraryId);

    public void MarkLost(DateTime utcNow) => SetStatus(ItemStatus.Lost, utcNow);
}

/// <summary>The allowed moves between item statuses.</summary>
public static class ItemTransitions
{
    public static bool IsAllowed(ItemStatus from, ItemStatus to) => from == to || to switch
    {
        ItemStatus.Available => from is not ItemStatus.Withdrawn,
        ItemStatus.OnLoan => from is ItemStatus.Available or ItemStatus.OnHoldShelf,
        ItemStatus.OnHoldShelf or ItemStatus.InTransit => from is not ItemStatus.Withdrawn and not ItemStatus.Damaged,
        ItemStatus.InProcessing => from is ItemStatus.Available or ItemStatus.Damaged or ItemStatus.Withdrawn or ItemStatus.Lost or ItemStatus.Missing,
        ItemStatus.Lost => from is not ItemStatus.Withdrawn,
        ItemStatus.Missing => from is ItemStatus.Available or ItemStatus.OnHoldShelf or ItemStatus.InTransit or ItemStatus.InProcessing,
        ItemStatus.ClaimedReturned => from is ItemStatus.OnLoan,
        ItemStatus.Damaged => from is not ItemStatus.Withdrawn and not ItemStatus.Lost,
        ItemStatus.Withdrawn => from is not ItemStatus.OnLoan,
    };
}
