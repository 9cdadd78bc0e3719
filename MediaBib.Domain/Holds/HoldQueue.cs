using MediaBib.Domain.Items;

namespace MediaBib.Domain.Holds;

/// <summary>
/// The queue of a record: staff priority first (lower first), then request time, then id (UUID v7, so ties keep the
/// order of creation). Targeting gives a returned item to the first eligible hold it can satisfy.
/// </summary>
public static class HoldQueue
{
    public static IEnumerable<Hold> Order(IEnumerable<Hold> holds) => holds
        .OrderBy(h => h.Priority ?? int.MaxValue)
        .ThenBy(h => h.RequestedAt)
        .ThenBy(h => h.Id);

    /// <summary>A pending hold that may receive an item today: not suspended, still wanted by the patron.</summary>
    public static bool IsEligible(Hold hold, DateOnly today) =>
        hold.Status == HoldStatus.Pending
        && !hold.IsSuspended(today)
        && (hold.NotNeededAfter is null || hold.NotNeededAfter >= today);

    /// <summary>The hold the item should go to, or null.</summary>
    public static Hold? NextFor(Item item, IEnumerable<Hold> queue, DateOnly today) => Order(queue)
        .FirstOrDefault(h => h.RecordId == item.RecordId && IsEligible(h, today) && (!h.IsItemLevel || h.ItemId == item.Id));

    /// <summary>1-based positions of the pending holds, in queue order.</summary>
    public static IReadOnlyDictionary<Guid, int> Positions(IEnumerable<Hold> queue) => Order(queue.Where(h => h.Status == HoldStatus.Pending))
        .Select((h, i) => (h.Id, Position: i + 1))
        .ToDictionary(x => x.Id, x => x.Position);
}
