using MediaBib.Domain.Circulation;

namespace MediaBib.Domain.Patrons;

/// <summary>Why a patron may not borrow, renew or hold right now, whatever the item.</summary>
public static class PatronBlocks
{
    public static IEnumerable<RefusalReason> Evaluate(Patron patron, IReadOnlyCollection<OpenLoanInfo> openLoans, CirculationPolicy policy, DateOnly today)
    {
        if (patron.IsBlocked)
        {
            yield return RefusalReason.PatronBlockedManual;
        }

        if (patron.IsExpired(today))
        {
            yield return RefusalReason.PatronExpired;
        }

        if (patron.IsSuspended(today))
        {
            yield return RefusalReason.PatronSuspended;
        }

        if (policy.FineBlockThreshold is { } threshold && patron.Balance > threshold)
        {
            yield return RefusalReason.PatronBlockedFines;
        }

        if (policy.OverdueBlockDays is { } days && openLoans.Any(l => DueDates.DaysOverdue(l.DueAt, today) > days))
        {
            yield return RefusalReason.PatronBlockedOverdue;
        }
    }
}
