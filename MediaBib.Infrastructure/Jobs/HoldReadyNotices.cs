using MediaBib.Domain.Holds;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>
/// Queues the "your hold is waiting" notice of each hold put on the pickup shelf, and sends it. The outbox event
/// <c>hold.waiting</c> does it at once (<see cref="HoldWaitingNoticeTrigger"/>); the scheduled job catches up on holds
/// whose event was missed (node down). The idempotency key (hold + time it became waiting) makes both paths, and
/// every web node, queue the notice once.
/// </summary>
public sealed class HoldReadyNotices(IDbContextFactory<MediaBibDbContext> dbFactory, NoticeDispatcher dispatcher, TimeProvider clock)
{
    public const string TemplateKey = "hold-ready";

    /// <summary>Queues the notice of one waiting hold and sends the patron's due notices; returns the notice id or null.</summary>
    public async Task<Guid?> NotifyAsync(Guid holdId, CancellationToken ct)
    {
        var noticeId = await QueueAsync(holdId, ct);
        if (noticeId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var patronId = await db.Notices.Where(n => n.Id == noticeId).Select(n => n.PatronId).SingleAsync(ct);
            await dispatcher.DispatchForPatronsAsync([patronId], ct);
        }

        return noticeId;
    }

    /// <summary>Queues the notices of waiting holds that have none yet; returns how many were queued.</summary>
    public async Task<int> QueueMissingAsync(CancellationToken ct)
    {
        List<Guid> waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var holds = await db.Holds.AsNoTracking()
                .Where(h => h.Status == HoldStatus.Waiting && h.PatronId != null && h.WaitingSince != null)
                .Select(h => new { h.Id, h.WaitingSince })
                .ToListAsync(ct);
            var keys = holds.Select(h => KeyOf(h.Id, h.WaitingSince!.Value)).ToList();
            var existing = await db.Notices.AsNoTracking().Where(n => keys.Contains(n.IdempotencyKey))
                .Select(n => n.IdempotencyKey).ToListAsync(ct);
            var known = existing.ToHashSet(StringComparer.Ordinal);
            waiting = [.. holds.Where(h => !known.Contains(KeyOf(h.Id, h.WaitingSince!.Value))).Select(h => h.Id)];
        }

        var queued = 0;
        foreach (var holdId in waiting)
        {
            if (await QueueAsync(holdId, ct) is not null)
            {
                queued++;
            }
        }

        return queued;
    }

    /// <summary>The notice's key: a hold trapped again later (after a release) gets a new notice.</summary>
    public static string KeyOf(Guid holdId, DateTime waitingSince) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hold-ready:{holdId:N}:{waitingSince.Ticks}");

    private async Task<Guid?> QueueAsync(Guid holdId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = JobActors.Scheduler;
        var hold = await db.Holds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is not { Status: HoldStatus.Waiting, PatronId: { } patronId, ItemId: { } itemId, WaitingSince: { } since, PickupDeadline: { } deadline })
        {
            return null;
        }

        var key = KeyOf(hold.Id, since);
        if (await db.Notices.AsNoTracking().Where(n => n.IdempotencyKey == key).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(ct) is { } existing)
        {
            return existing;
        }

        var patron = await db.Patrons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patronId, ct);
        var item = await (from i in db.Items
                          join r in db.Records on i.RecordId equals r.Id
                          where i.Id == itemId
                          select new { i.Barcode, r.Title, i.Price }).AsNoTracking().SingleOrDefaultAsync(ct);
        if (patron is null || patron.AnonymizedAt is not null || item is null)
        {
            return null;
        }

        // The template shows the item's date as "à retirer avant le …": the last pickup day, at noon so that it reads
        // as that day in Paris.
        var pickupBy = deadline.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        var notice = new Notice(patron.Id, hold.PickupLibraryId, NoticeKind.HoldReady, 0, ChannelsFor(patron), TemplateKey,
            [new NoticeItem(itemId, item.Barcode.Value, item.Title, null, pickupBy, item.Price)], key, clock.GetUtcNow().UtcDateTime);
        db.Notices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct);
            return notice.Id;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another node queued it meanwhile.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await again.Notices.AsNoTracking().Where(n => n.IdempotencyKey == key).Select(n => (Guid?)n.Id).SingleOrDefaultAsync(ct);
        }
    }

    /// <summary>
    /// Email, then SMS, then letter, keeping those the patron gave an address for (all of them when none); the
    /// patron's preferred channel goes first.
    /// </summary>
    private static List<NoticeChannel> ChannelsFor(Patron patron)
    {
        List<NoticeChannel> all = [NoticeChannel.Email, NoticeChannel.Sms, NoticeChannel.Letter];
        var reachable = all.Where(c => c switch
        {
            NoticeChannel.Email => !string.IsNullOrWhiteSpace(patron.Email),
            NoticeChannel.Sms => !string.IsNullOrWhiteSpace(patron.Phone),
            NoticeChannel.Letter => !string.IsNullOrWhiteSpace(patron.Address.Street) && !string.IsNullOrWhiteSpace(patron.Address.City),
        }).ToList();
        return NoticeChannelPreference.Apply(reachable.Count > 0 ? reachable : all, patron.PreferredNoticeChannel);
    }
}
