using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>Why a record cannot be deleted (or merged away). Each has a French text in the editor's resources.</summary>
public enum RecordDeleteRefusal
{
    NotFound,

    /// <summary>At least one of its items is on loan.</summary>
    ItemsOnLoan,

    /// <summary>Patrons are waiting for it (pending, in transit or waiting holds).</summary>
    ActiveHolds,

    /// <summary>It still has items: they must be deleted or the record merged into another first.</summary>
    HasItems,

    /// <summary>Another cataloguer holds its edit lock.</summary>
    LockedByOther,

    /// <summary>A record cannot be merged into itself.</summary>
    SameRecord,
}

/// <param name="Refusal">Null when done.</param>
/// <param name="Count">How many items or holds are in the way (for the message), or moved by a merge.</param>
/// <param name="Holder">Who holds the lock, for <see cref="RecordDeleteRefusal.LockedByOther"/>.</param>
public sealed record RecordRemovalResult(RecordDeleteRefusal? Refusal, int Count = 0, string? Holder = null)
{
    public bool Done => Refusal is null;
}

/// <summary>
/// Deleting a record, and merging two records of the same title: the other record's items and holds move to the
/// survivor (holds keep their request date, so their place in the queue), then the other record is deleted. One
/// transaction; audited as a <c>records_merged</c> action on the survivor plus the automatic entries of each moved row.
/// </summary>
public sealed class RecordRemoval(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public async Task<RecordRemovalResult> DeleteAsync(Guid recordId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var record = await db.Records.SingleOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.NotFound);
        }

        if (await LockedByOtherAsync(db, recordId, actor, ct) is { } holder)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.LockedByOther, 0, holder);
        }

        var onLoan = await db.Items.CountAsync(i => i.RecordId == recordId
            && (i.Status == ItemStatus.OnLoan || db.Loans.Any(l => l.ItemId == i.Id && l.ReturnedAt == null)), ct);
        if (onLoan > 0)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.ItemsOnLoan, onLoan);
        }

        var active = await db.Holds.CountAsync(h => h.RecordId == recordId && Hold.ActiveStatuses.Contains(h.Status), ct);
        if (active > 0)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.ActiveHolds, active);
        }

        var items = await db.Items.CountAsync(i => i.RecordId == recordId, ct);
        if (items > 0)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.HasItems, items);
        }

        // Closed holds are history of a record that no longer exists: they go with it (each deletion audited).
        db.Holds.RemoveRange(await db.Holds.Where(h => h.RecordId == recordId).ToListAsync(ct));
        await LoadLinksAsync(db, recordId, ct);
        db.Records.Remove(record);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RecordRemovalResult(null);
    }

    /// <summary>Moves the items and holds of <paramref name="otherId"/> to <paramref name="survivorId"/> and deletes the other record.</summary>
    public async Task<RecordRemovalResult> MergeAsync(Guid survivorId, Guid otherId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (survivorId == otherId)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.SameRecord);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var records = await db.Records.Where(r => r.Id == survivorId || r.Id == otherId).ToListAsync(ct);
        var survivor = records.SingleOrDefault(r => r.Id == survivorId);
        var other = records.SingleOrDefault(r => r.Id == otherId);
        if (survivor is null || other is null)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.NotFound);
        }

        if (await LockedByOtherAsync(db, otherId, actor, ct) is { } holder)
        {
            return new RecordRemovalResult(RecordDeleteRefusal.LockedByOther, 0, holder);
        }

        var items = await db.Items.Where(i => i.RecordId == otherId).ToListAsync(ct);
        foreach (var item in items)
        {
            item.MoveToRecord(survivorId);
        }

        var holds = await db.Holds.Where(h => h.RecordId == otherId).ToListAsync(ct);
        foreach (var hold in holds)
        {
            hold.MoveToRecord(survivorId);
        }

        // Moved before the delete: the delete of the other record must not find them still pointing at it.
        await db.SaveChangesAsync(ct);
        await LoadLinksAsync(db, otherId, ct);
        db.Records.Remove(other);
        db.RecordAction(AuditAction.RecordsMerged, survivor,
            $"Notice « {other.Title} » fusionnée dans « {survivor.Title} » : {items.Count} exemplaire(s), {holds.Count} réservation(s) déplacé(s)",
            details: new
            {
                survivor = survivorId,
                merged = otherId,
                mergedTitle = other.Title,
                items = items.Select(i => i.Id),
                holds = holds.Select(h => h.Id),
                at = clock.GetUtcNow().UtcDateTime,
            });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RecordRemovalResult(null, items.Count + holds.Count);
    }

    private async Task<string?> LockedByOtherAsync(MediaBibDbContext db, Guid recordId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var holder = await db.RecordEditLocks.AsNoTracking().SingleOrDefaultAsync(l => l.RecordId == recordId && l.ExpiresAt > now, ct);
        return holder is not null && holder.UserId != actor.UserId ? holder.UserName : null;
    }

    /// <summary>Loads the author and subject links so their deletion (cascade) is tracked and audited too.</summary>
    private static async Task LoadLinksAsync(MediaBibDbContext db, Guid recordId, CancellationToken ct)
    {
        await db.Set<RecordAuthor>().Where(a => a.RecordId == recordId).LoadAsync(ct);
        await db.Set<RecordSubject>().Where(s => s.RecordId == recordId).LoadAsync(ct);
    }
}
