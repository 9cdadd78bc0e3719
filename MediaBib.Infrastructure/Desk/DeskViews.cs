using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;

namespace MediaBib.Infrastructure.Desk;

/// <summary>A patron found by card or name at the desk.</summary>
public sealed record PatronMatch(Guid Id, string CardNumber, string LastName, string FirstName, string Category, DateOnly ExpiresOn)
{
    /// <summary>Desk display form: "DUPONT Marie".</summary>
    public string SortName => $"{LastName.ToUpperInvariant()} {FirstName}";
}

/// <summary>An item as the desk shows it after a scan.</summary>
public sealed record ItemSummary(Guid Id, string Barcode, string Title, string? CallNumber);

/// <summary>Everything the patron file shows, read in one go (no tracking).</summary>
public sealed record PatronFile(
    Guid Id,
    string CardNumber,
    string FirstName,
    string LastName,
    DateOnly? BirthDate,
    string? Email,
    string? Phone,
    string Address,
    string Category,
    string HomeLibrary,
    DateOnly ExpiresOn,
    bool IsExpired,
    bool IsBlocked,
    string? BlockReason,
    DateOnly? SuspendedUntil,
    bool IsSuspended,
    decimal Balance,
    string? Notes,
    IReadOnlyList<PatronLoanLine> Loans,
    IReadOnlyList<PatronHoldLine> Holds,
    IReadOnlyList<PatronFineLine> Fines)
{
    public string SortName => $"{LastName.ToUpperInvariant()} {FirstName}";

    public decimal Outstanding => Fines.Sum(f => f.Outstanding);
}

public sealed record PatronLoanLine(Guid LoanId, Guid ItemId, string Barcode, string Title, string? CallNumber, DateTime CheckedOutAt, DateTime DueAt, int RenewalCount, bool IsOverdue);

public sealed record PatronHoldLine(Guid HoldId, Guid RecordId, string Title, HoldStatus Status, int? Position, string PickupLibrary, DateOnly? PickupDeadline, DateTime RequestedAt);

public sealed record PatronFineLine(Guid FineId, FineKind Kind, FineStatus Status, string Description, decimal Amount, decimal Outstanding);

/// <summary>A loan on an end-of-transaction receipt.</summary>
public sealed record ReceiptLine(Guid LoanId, string Barcode, string Title, string? CallNumber, DateTime DueAt);

/// <summary>What the receipt prints: who borrowed, where, and the loans of this transaction.</summary>
public sealed record Receipt(string PatronName, string CardNumber, string Library, IReadOnlyList<ReceiptLine> Lines);
