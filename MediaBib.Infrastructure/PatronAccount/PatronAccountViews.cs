using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Notifications;

namespace MediaBib.Infrastructure.PatronAccount;

/// <summary>What the patron sees of their own account (OPAC pages and <c>/api/v1/opac/account</c>).</summary>
public sealed record PatronAccountView(
    Guid Id,
    string CardNumber,
    string FirstName,
    string LastName,
    string HomeLibrary,
    DateOnly ExpiresOn,
    bool IsExpired,
    bool IsBlocked,
    DateOnly? SuspendedUntil,
    bool IsSuspended,
    decimal Balance,
    bool KeepReadingHistory,
    NoticeChannel? PreferredNoticeChannel,
    string? Email,
    string? Phone,
    string Address,
    IReadOnlyList<AccountLoan> Loans,
    IReadOnlyList<AccountHold> Holds,
    IReadOnlyList<AccountFine> Fines)
{
    public decimal Outstanding => Fines.Sum(f => f.Outstanding);
}

public sealed record AccountLoan(Guid LoanId, Guid RecordId, string Title, string Barcode, string Library, DateTime CheckedOutAt, DateTime DueAt, int RenewalCount, bool IsOverdue);

public sealed record AccountHold(
    Guid HoldId, Guid RecordId, string Title, HoldStatus Status, int? Position, Guid PickupLibraryId, string PickupLibrary,
    DateOnly? PickupDeadline, DateOnly? SuspendedUntil, bool IsSuspended, DateTime RequestedAt);

public sealed record AccountFine(Guid FineId, FineKind Kind, FineStatus Status, string Description, decimal Amount, decimal Outstanding, DateTime CreatedAt);

/// <summary>A returned loan kept in the reading history (only for patrons who chose to keep it).</summary>
public sealed record HistoryLoan(Guid RecordId, string Title, string Library, DateTime CheckedOutAt, DateTime ReturnedAt);
