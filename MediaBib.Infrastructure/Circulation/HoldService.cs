using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>
/// Holds ("réservations"): place, cancel, suspend, resume, reorder, expire. Every change to a record's queue runs
/// under a transaction-scoped advisory lock on the record (and on the patron for placements), so concurrent requests
/// see and leave a consistent queue. Targeting of a freed item happens in the same transaction as the cancellation or
/// the expiry.
/// </summary>
public sealed class HoldService(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<HoldReceipt>> PlaceAsync(
        Actor actor, Guid patronId, Guid recordId, Guid pickupLibraryId, Guid? itemId = null, DateOnly? notNeededAfter = null,
        string? overrideReason = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, recordId, ct);
        await LockAsync(db, patronId, ct);
        if (await db.PatronAsync(patronId.ToString(), ct) is not var (patron, category))
        {
            return Outcome<HoldReceipt>.Refused(RefusalReason.PatronUnknown);
        }

        var items = await db.Items.AsNoTracking().Where(i => i.RecordId == recordId)
            .Join(db.ItemTypes, i => i.ItemTypeId, t => t.Id, (i, t) => new { Item = i, t.NotForLoan })
            .ToListAsync(ct);
        if (itemId is { } wanted && items.All(i => i.Item.Id != wanted))
        {
            return Outcome<HoldReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        var rules = await db.RulesAsync(pickupLibraryId, null, ct);
        var policy = CirculationPolicy.Resolve(rules, pickupLibraryId, category, null);
        var candidates = items
            .Select(i => new HoldCandidate(i.Item, i.NotForLoan,
                CirculationPolicy.Resolve(rules, pickupLibraryId, category, i.Item.ItemTypeId).HoldsAllowed))
            .ToList();
        var today = LibraryTime.Today(Now);
        var verdict = HoldRules.Evaluate(patron, recordId, itemId, candidates, await db.ActiveHoldsOfPatronAsync(patronId, ct),
            await db.OpenLoansAsync(patronId, ct), policy, today,
            string.IsNullOrWhiteSpace(overrideReason) ? null : new StaffOverride(overrideReason));
        if (!verdict.IsAllowed)
        {
            return Outcome<HoldReceipt>.Refused(verdict.Refusals);
        }

        var hold = new Hold(recordId, patronId, pickupLibraryId, Now, itemId, notNeededAfter);
        db.Holds.Add(hold);
        db.RecordAction(AuditAction.HoldPlaced, hold, verdict.Overridden.Count > 0
            ? $"Réservation forcée ({string.Join(", ", verdict.Overridden.Select(r => r.Code()))}) : {overrideReason}"
            : null, verdict.Overridden.Count > 0 ? AuditSeverity.Warning : null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var queue = await db.ActiveHoldsOnRecordAsync(recordId, ct);
        return Receipt(hold, queue);
    }

    /// <summary>
    /// Cancels a hold. When a patron cancels, <paramref name="patronId"/> must be theirs. A waiting item passes at once
    /// to the next hold (or goes home).
    /// </summary>
    public Task<Outcome<HoldReceipt>> CancelAsync(Actor actor, Guid holdId, Guid? patronId = null, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(actor, holdId, patronId, ct, async (db, hold, queue) =>
        {
            var wasWaiting = hold.Status == HoldStatus.Waiting;
            hold.Cancel(Now, reason);
            db.RecordAction(AuditAction.HoldCancelled, hold, reason);
            if (wasWaiting)
            {
                await ReleaseItemAsync(db, hold, queue, ct);
            }
        });

    public Task<Outcome<HoldReceipt>> SuspendAsync(Actor actor, Guid holdId, DateOnly until, Guid? patronId = null, CancellationToken ct = default) =>
        ChangeAsync(actor, holdId, patronId, ct, (db, hold, _) =>
        {
            hold.Suspend(until);
            db.RecordAction(AuditAction.Update, hold, $"Suspendue jusqu'au {until.ToString("dd/MM/yyyy", Money.French)}");
            return Task.CompletedTask;
        });

    public Task<Outcome<HoldReceipt>> ResumeAsync(Actor actor, Guid holdId, Guid? patronId = null, CancellationToken ct = default) =>
        ChangeAsync(actor, holdId, patronId, ct, (db, hold, _) =>
        {
            hold.Resume();
            db.RecordAction(AuditAction.Update, hold, "Réactivée");
            return Task.CompletedTask;
        });

    /// <summary>Staff move a pending hold to a 1-based position; the queue's priorities are rewritten 1..n.</summary>
    public Task<Outcome<HoldReceipt>> ReorderAsync(Actor actor, Guid holdId, int position, CancellationToken ct = default) =>
        ChangeAsync(actor, holdId, null, ct, (db, hold, queue) =>
        {
            var pending = HoldQueue.Order(queue.Where(h => h.Status == HoldStatus.Pending && h.Id != hold.Id)).ToList();
            pending.Insert(Math.Clamp(position - 1, 0, pending.Count), hold);
            for (var i = 0; i < pending.Count; i++)
            {
                pending[i].SetPriority(i + 1);
            }

            db.RecordAction(AuditAction.Update, hold, $"Position {position}");
            return Task.CompletedTask;
        });

    /// <summary>
    /// Expires waiting holds whose pickup deadline has passed; each freed item goes at once to the next hold (or home).
    /// Returns the expired holds.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ExpireWaitingHoldsAsync(Actor actor, CancellationToken ct = default)
    {
        var today = LibraryTime.Today(Now);
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Holds.AsNoTracking()
                .Where(h => h.Status == HoldStatus.Waiting && h.PickupDeadline < today)
                .Select(h => h.Id).ToListAsync(ct);
        }

        var expired = new List<Guid>();
        foreach (var id in due)
        {
            _ = await ChangeAsync(actor, id, null, ct, async (db, hold, queue) =>
            {
                if (hold.Status != HoldStatus.Waiting || hold.PickupDeadline >= today)
                {
                    return;
                }

                hold.Expire(Now);
                db.RecordAction(AuditAction.HoldExpired, hold);
                expired.Add(hold.Id);
                await ReleaseItemAsync(db, hold, queue, ct);
            });
        }

        return expired;
    }

    /// <summary>Positions of a record's pending holds, in queue order.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> QueueAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return HoldQueue.Positions(await db.Holds.AsNoTracking().Where(h => h.RecordId == recordId).ToListAsync(ct));
    }

    private async Task<Outcome<HoldReceipt>> ChangeAsync(
        Actor actor, Guid holdId, Guid? patronId, CancellationToken ct, Func<MediaBibDbContext, Hold, List<Hold>, Task> change)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var recordId = await db.Holds.Where(h => h.Id == holdId).Select(h => (Guid?)h.RecordId).FirstOrDefaultAsync(ct);
        if (recordId is null)
        {
            return Outcome<HoldReceipt>.Refused(RefusalReason.HoldUnknown);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, recordId.Value, ct);
        var queue = await db.ActiveHoldsOnRecordAsync(recordId.Value, ct);
        if (queue.FirstOrDefault(h => h.Id == holdId) is not { } hold)
        {
            return Outcome<HoldReceipt>.Refused(RefusalReason.HoldNotActive);
        }

        if (patronId is not null && hold.PatronId != patronId)
        {
            return Outcome<HoldReceipt>.Refused(RefusalReason.HoldNotOwner);
        }

        await change(db, hold, queue);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Receipt(hold, queue);
    }

    /// <summary>The item trapped for a hold that ended is routed again from where it is.</summary>
    private async Task ReleaseItemAsync(MediaBibDbContext db, Hold hold, List<Hold> queue, CancellationToken ct)
    {
        if (hold.ItemId is not { } itemId || await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct) is not { } item
            || item.Status != ItemStatus.OnHoldShelf)
        {
            return;
        }

        var here = item.CurrentLibraryId;
        var rules = await db.RulesAsync(here, null, ct);
        var routing = ItemRouting.Route(item, here, queue.Where(h => h.Id != hold.Id), CirculationPolicy.Resolve(rules, here, null, item.ItemTypeId),
            await db.CalendarAsync(here, ct), Now);
        if (routing.NewTransit is { } transit)
        {
            db.Transits.Add(transit);
            db.RecordAction(AuditAction.TransitStarted, transit, transit.Reason.ToString());
        }

        if (routing.Destination == ItemDestination.HoldShelf && routing.Hold is { } next)
        {
            db.RecordAction(AuditAction.HoldWaiting, next);
        }
    }

    private static async Task LockAsync(MediaBibDbContext db, Guid id, CancellationToken ct)
    {
        var key = BitConverter.ToInt64(id.ToByteArray(), 8);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({key})", ct);
    }

    private static HoldReceipt Receipt(Hold hold, IEnumerable<Hold> queue)
    {
        var positions = HoldQueue.Positions(queue);
        var view = hold.Status switch
        {
            HoldStatus.Pending => HoldStatusView.Pending,
            HoldStatus.InTransit => HoldStatusView.InTransit,
            HoldStatus.Waiting => HoldStatusView.Waiting,
            HoldStatus.Fulfilled or HoldStatus.Cancelled or HoldStatus.Expired => HoldStatusView.Closed,
        };
        return new HoldReceipt(hold.Id, hold.RecordId, view, positions.TryGetValue(hold.Id, out var p) ? p : null);
    }
}
