using MediaBib.Domain.Holds;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Circulation;

public sealed record RenewalDecision(RuleVerdict Verdict, DateTime DueAt)
{
    public bool IsAllowed => Verdict.IsAllowed;
}

/// <summary>May this loan be extended, and until when?</summary>
public static class RenewalRules
{
    /// <summary>
    /// Refuses when the renewals are used up, when another patron holds the title (or this item), when the patron is
    /// blocked, when renewing too early or when the loan is overdue beyond the rule's limit. The new due date runs from
    /// now, calendar-aware, and never shortens the loan.
    /// </summary>
    public static RenewalDecision Evaluate(
        Patron patron,
        Loan loan,
        IReadOnlyCollection<OpenLoanInfo> patronOpenLoans,
        IReadOnlyCollection<Hold> holdsOnRecord,
        CirculationPolicy policy,
        LibraryCalendar calendar,
        DateTime utcNow,
        StaffOverride? staffOverride = null)
    {
        var today = LibraryTime.Today(utcNow);
        var found = new List<RefusalReason>();
        if (!loan.IsOpen)
        {
            return new RenewalDecision(new RuleVerdict([RefusalReason.LoanAlreadyReturned], []), loan.DueAt);
        }

        found.AddRange(PatronBlocks.Evaluate(patron, patronOpenLoans.Where(l => l.LoanId != loan.Id).ToList(), policy, today));
        if (loan.RenewalCount >= policy.RenewalsAllowed)
        {
            found.Add(RefusalReason.LoanRenewalLimit);
        }

        if (holdsOnRecord.Any(h => h.PatronId != patron.Id && HoldQueue.IsEligible(h, today) && (!h.IsItemLevel || h.ItemId == loan.ItemId)))
        {
            found.Add(RefusalReason.LoanRenewalOnHold);
        }

        var dueDate = LibraryTime.Today(loan.DueAt);
        if (policy.NoRenewalBeforeDays is { } notBefore && dueDate.DayNumber - today.DayNumber > notBefore)
        {
            found.Add(RefusalReason.LoanRenewalTooSoon);
        }

        if (policy.RenewalOverdueLimitDays is { } limit && DueDates.DaysOverdue(loan.DueAt, today) > limit)
        {
            found.Add(RefusalReason.LoanRenewalOverdue);
        }

        var computed = DueDates.Compute(utcNow, policy.RenewalPeriod, policy.LoanPeriodUnit, policy.HardDueDate, calendar);
        var dueAt = computed > loan.DueAt ? computed : loan.DueAt;
        return new RenewalDecision(RuleVerdict.From(found, staffOverride), dueAt);
    }
}
