using MediaBib.Domain.Circulation;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>The result of a circulation operation: a value, or the refusals (stable reason codes) that stopped it.</summary>
public sealed record Outcome<T>(T? Value, IReadOnlyList<RefusalReason> Refusals)
    where T : class
{
    public bool Succeeded => Refusals.Count == 0 && Value is not null;

    public static Outcome<T> Ok(T value) => new(value, []);

    public static Outcome<T> Refused(params IReadOnlyList<RefusalReason> reasons) => new(null, reasons);

    public static implicit operator Outcome<T>(T value) => Ok(value);
}

/// <summary>A loan made at the desk. <c>Overridden</c> lists the refusals staff forced.</summary>
public sealed record LoanReceipt(Guid LoanId, Guid ItemId, Guid PatronId, DateTime DueAt, Guid? FulfilledHoldId, IReadOnlyList<RefusalReason> Overridden)
{
    /// <summary>The title of the item lent (read with the item), for the receipt.</summary>
    public string Title { get; init; } = "";
}

public sealed record RenewalReceipt(Guid LoanId, DateTime DueAt, int RenewalCount, IReadOnlyList<RefusalReason> Overridden);

/// <summary>Renew-all answer: one outcome per open loan.</summary>
public sealed record RenewAllReceipt(IReadOnlyList<(Guid LoanId, Outcome<RenewalReceipt> Outcome)> Loans);

public sealed record HoldReceipt(Guid HoldId, Guid RecordId, HoldStatusView Status, int? Position);

/// <summary>The hold as the desk shows it after an operation.</summary>
public enum HoldStatusView
{
    Pending,
    InTransit,
    Waiting,
    Closed,
}

public sealed record TransitReceipt(Guid ItemId, Guid TransitId, ItemDestination Destination, Guid DestinationLibraryId, Guid? HoldId);

public sealed record LossReceipt(Guid ItemId, Guid? LoanId, Guid? ChargeId, decimal ChargedAmount);

public sealed record FoundReceipt(Guid ItemId, ItemDestination Destination, Guid DestinationLibraryId, Guid? HoldId, IReadOnlyList<Guid> RefundedFineIds);

public sealed record FineReceipt(Guid FineId, Guid? PatronId, decimal Amount, decimal Outstanding, string Status);
