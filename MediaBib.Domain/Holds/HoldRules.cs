using MediaBib.Domain.Circulation;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;

namespace MediaBib.Domain.Holds;

/// <summary>An item of the record with what the rules say about holding it.</summary>
public sealed record HoldCandidate(Item Item, bool TypeNotForLoan, bool HoldsAllowed)
{
    /// <summary>The item exists for the public and may one day come back to a hold shelf.</summary>
    public bool IsHoldable => HoldsAllowed && !TypeNotForLoan && !Item.NotForLoan
        && Item.Status is not (ItemStatus.Withdrawn or ItemStatus.Lost or ItemStatus.Missing or ItemStatus.Damaged);
}

/// <summary>May this patron place a hold on this record (or this item)?</summary>
public static class HoldRules
{
    /// <summary>
    /// Checks the patron's blocks, the rule's hold limits (total and per record), that the patron neither holds nor
    /// borrows the title already, and that some holdable item exists (the wanted item, for an item-level hold).
    /// </summary>
    /// <param name="patron">Who asks.</param>
    /// <param name="recordId">The title.</param>
    /// <param name="itemId">The wanted item for an item-level hold, else null.</param>
    /// <param name="candidates">The record's items.</param>
    /// <param name="patronActiveHolds">All the patron's active holds (every record).</param>
    /// <param name="patronOpenLoans">The patron's open loans.</param>
    /// <param name="policy">Policy for (pickup library, patron category, any type).</param>
    /// <param name="today">Paris date.</param>
    /// <param name="staffOverride">Staff forcing refusable cases, or null.</param>
    public static RuleVerdict Evaluate(
        Patron patron,
        Guid recordId,
        Guid? itemId,
        IReadOnlyCollection<HoldCandidate> candidates,
        IReadOnlyCollection<Hold> patronActiveHolds,
        IReadOnlyCollection<OpenLoanInfo> patronOpenLoans,
        CirculationPolicy policy,
        DateOnly today,
        StaffOverride? staffOverride = null)
    {
        var found = PatronBlocks.Evaluate(patron, patronOpenLoans, policy, today)
            .Where(r => r != RefusalReason.PatronBlockedOverdue)
            .ToList();
        var targets = candidates.Where(c => itemId is null || c.Item.Id == itemId).ToList();
        if (!policy.HoldsAllowed || (targets.Count > 0 && targets.All(c => !c.HoldsAllowed)))
        {
            found.Add(RefusalReason.HoldNotAllowed);
        }
        else if (!targets.Any(c => c.IsHoldable))
        {
            found.Add(RefusalReason.HoldNoHoldableItem);
        }

        var onRecord = patronActiveHolds.Where(h => h.RecordId == recordId).ToList();
        if (onRecord.Any(h => h.ItemId == itemId || !h.IsItemLevel || itemId is null))
        {
            found.Add(RefusalReason.HoldAlreadyHolding);
        }
        else if (onRecord.Count >= policy.MaxHoldsPerRecord)
        {
            found.Add(RefusalReason.HoldMaxPerRecord);
        }

        var recordItems = candidates.Select(c => c.Item.Id).ToHashSet();
        if (patronOpenLoans.Any(l => recordItems.Contains(l.ItemId)))
        {
            found.Add(RefusalReason.HoldAlreadyOnLoan);
        }

        if (patronActiveHolds.Count >= policy.MaxHolds)
        {
            found.Add(RefusalReason.HoldMaxHolds);
        }

        return RuleVerdict.From(found, staffOverride);
    }
}
