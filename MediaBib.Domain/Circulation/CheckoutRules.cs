using MediaBib.Domain.Catalog;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Circulation;

/// <summary>
/// What the checkout rules decided: a due date, or refusals. <c>HoldToFulfil</c> is the patron's own hold this
/// checkout satisfies (trapped for them, or pending on the title).
/// </summary>
public sealed record CheckoutDecision(RuleVerdict Verdict, DateTime DueAt, Hold? HoldToFulfil)
{
    public bool IsAllowed => Verdict.IsAllowed;
}

/// <summary>May this patron take this item now, and until when?</summary>
public static class CheckoutRules
{
    /// <param name="patron">The borrower.</param>
    /// <param name="item">The scanned item.</param>
    /// <param name="itemType">The item's type (not-for-loan flag).</param>
    /// <param name="openLoans">The patron's open loans.</param>
    /// <param name="holds">Active holds on the item's record (title-level and item-level).</param>
    /// <param name="policy">Effective policy for (lending library, patron category, item type).</param>
    /// <param name="calendar">Calendar of the lending library.</param>
    /// <param name="utcNow">Now.</param>
    /// <param name="staffOverride">Staff forcing refusable cases, or null.</param>
    /// <param name="onSite">Consultation on site: allowed for not-for-loan items, due tonight, own limit.</param>
    public static CheckoutDecision Evaluate(
        Patron patron,
        Item item,
        ItemType itemType,
        IReadOnlyCollection<OpenLoanInfo> openLoans,
        IReadOnlyCollection<Hold> holds,
        CirculationPolicy policy,
        LibraryCalendar calendar,
        DateTime utcNow,
        StaffOverride? staffOverride = null,
        bool onSite = false)
    {
        var today = LibraryTime.Today(utcNow);
        var found = new List<RefusalReason>();
        var ownHold = ItemReasons(patron, item, itemType, holds, today, onSite, found);
        found.AddRange(PatronBlocks.Evaluate(patron, openLoans, policy, today));
        found.AddRange(LimitReasons(item, openLoans, policy, onSite));

        var dueAt = onSite
            ? LibraryTime.EndOfDayUtc(today)
            : DueDates.Compute(utcNow, policy.LoanPeriod, policy.LoanPeriodUnit, policy.HardDueDate, calendar);
        return new CheckoutDecision(RuleVerdict.From(found, staffOverride), dueAt, ownHold);
    }

    private static Hold? ItemReasons(Patron patron, Item item, ItemType itemType, IReadOnlyCollection<Hold> holds, DateOnly today, bool onSite, List<RefusalReason> found)
    {
        var trapped = holds.FirstOrDefault(h => h.Status is HoldStatus.Waiting or HoldStatus.InTransit && h.ItemId == item.Id);
        if (item.Status is not (ItemStatus.Available or ItemStatus.OnHoldShelf))
        {
            found.Add(RefusalReason.ItemNotAvailable);
        }
        else if (trapped is not null && trapped.PatronId != patron.Id)
        {
            found.Add(RefusalReason.ItemOnHoldForOther);
        }
        else if (trapped is null && holds.Any(h => h.Status == HoldStatus.Pending && h.IsItemLevel && h.ItemId == item.Id
                     && h.PatronId != patron.Id && HoldQueue.IsEligible(h, today)))
        {
            found.Add(RefusalReason.ItemOnHoldForOther);
        }

        if (!onSite && (item.NotForLoan || itemType.NotForLoan))
        {
            found.Add(RefusalReason.ItemNotForLoan);
        }

        return trapped?.PatronId == patron.Id
            ? trapped
            : HoldQueue.Order(holds.Where(h => h.Status == HoldStatus.Pending && h.PatronId == patron.Id
                && (!h.IsItemLevel || h.ItemId == item.Id))).FirstOrDefault();
    }

    private static IEnumerable<RefusalReason> LimitReasons(Item item, IReadOnlyCollection<OpenLoanInfo> openLoans, CirculationPolicy policy, bool onSite)
    {
        if (onSite)
        {
            if (policy.MaxOnSiteLoans is { } maxOnSite && openLoans.Count(l => l.IsOnSite) >= maxOnSite)
            {
                yield return RefusalReason.PatronMaxOnSiteLoans;
            }

            yield break;
        }

        var home = openLoans.Where(l => !l.IsOnSite).ToList();
        if (home.Count >= policy.MaxLoans)
        {
            yield return RefusalReason.PatronMaxLoans;
        }

        if (policy.MaxLoansPerItemType is { } perType && home.Count(l => l.ItemTypeId == item.ItemTypeId) >= perType)
        {
            yield return RefusalReason.PatronMaxLoansItemType;
        }
    }
}
