using MediaBib.Domain.Common;

namespace MediaBib.Domain.Circulation;

/// <summary>
/// An item lent to a patron. Open while <see cref="ReturnedAt"/> is null; the database allows one open loan per item.
/// </summary>
public sealed class Loan : Entity
{
    private Loan()
    {
    }

    public Loan(Guid itemId, Guid patronId, Guid libraryId, DateTime checkedOutAt, DateTime dueAt, bool onSite = false)
    {
        if (dueAt <= checkedOutAt)
        {
            throw new DomainException("A loan must be due after it starts.");
        }

        ItemId = itemId;
        PatronId = patronId;
        LibraryId = libraryId;
        CheckedOutAt = checkedOutAt;
        DueAt = dueAt;
        IsOnSite = onSite;
        Raise(new LoanCreated(Id, itemId, patronId, libraryId, dueAt));
    }

    public Guid ItemId { get; private set; }

    /// <summary>Null once the loan history has been anonymised (GDPR).</summary>
    public Guid? PatronId { get; private set; }

    /// <summary>The lending library, whose calendar sets due dates.</summary>
    public Guid LibraryId { get; private set; }

    public DateTime CheckedOutAt { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime? ReturnedAt { get; private set; }

    public Guid? ReturnLibraryId { get; private set; }

    public int RenewalCount { get; private set; }

    public DateTime? LastRenewedAt { get; private set; }

    /// <summary>Consultation on site (reading room), not taken home.</summary>
    public bool IsOnSite { get; private set; }

    /// <summary>Reason given by staff who forced a refused checkout; null when nothing was overridden.</summary>
    public string? OverrideReason { get; private set; }

    public bool IsOpen => ReturnedAt is null;

    public bool IsOverdue(DateTime utcNow) => IsOpen && utcNow > DueAt;

    public void RecordOverride(string reason) => OverrideReason = Guard.Required(reason, "overrideReason", 500);

    public void Renew(DateTime utcNow, DateTime newDueAt)
    {
        if (!IsOpen)
        {
            throw new DomainException("Cannot renew a returned loan.");
        }

        RenewalCount++;
        LastRenewedAt = utcNow;
        DueAt = newDueAt;
        Raise(new LoanRenewed(Id, ItemId, PatronId, DueAt, RenewalCount));
    }

    public void Return(DateTime utcNow, Guid libraryId)
    {
        if (!IsOpen)
        {
            throw new DomainException("Loan already returned.");
        }

        ReturnedAt = utcNow;
        ReturnLibraryId = libraryId;
        Raise(new LoanReturned(Id, ItemId, PatronId, libraryId, utcNow, utcNow > DueAt));
    }

    /// <summary>Cuts the link to the patron once the loan is history and the patron did not opt in to keep it.</summary>
    public void Anonymize()
    {
        if (IsOpen)
        {
            throw new DomainException("Cannot anonymise an open loan.");
        }

        PatronId = null;
    }
}
