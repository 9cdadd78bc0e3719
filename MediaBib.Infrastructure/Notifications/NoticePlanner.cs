using MediaBib.Domain.Audit;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>
/// Queues the overdue reminders due at <c>now</c>: loads open late loans and the levels configuration, lets
/// <see cref="OverdueNoticeRules"/> pick one notice per patron and level, and stores them. Each notice's idempotency
/// key is unique in the database, so a planner that runs twice, or on two nodes at once, queues each notice once.
/// </summary>
public sealed class NoticePlanner(IDbContextFactory<MediaBibDbContext> dbFactory)
{
    private const int SaveChunk = 500;

    /// <summary>Queues the reminders due and applies the levels' card blocks; returns how many notices were created.</summary>
    public async Task<int> PlanOverdueAsync(DateTime utcNow, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var levels = await db.OverdueLevels.AsNoTracking().ToListAsync(ct);
        if (levels.Count == 0)
        {
            return 0;
        }

        var latestDue = utcNow.AddDays(-levels.Min(l => l.DelayDays));
        var loans = await (
                from loan in db.Loans
                where loan.ReturnedAt == null && loan.DueAt <= latestDue && loan.PatronId != null
                join item in db.Items on loan.ItemId equals item.Id
                join record in db.Records on item.RecordId equals record.Id
                join patron in db.Patrons on loan.PatronId equals patron.Id
                select new { loan.Id, PatronId = patron.Id, patron.CategoryId, loan.LibraryId, loan.DueAt, ItemId = item.Id, item.Barcode, record.Title, item.Price })
            .AsNoTracking()
            .ToListAsync(ct);
        var candidates = loans.Select(l => new OverdueLoan(l.Id, l.PatronId, l.CategoryId, l.LibraryId, l.DueAt,
            new NoticeItem(l.ItemId, l.Barcode.Value, l.Title, l.Id, l.DueAt, l.Price))).ToList();
        var patronIds = candidates.Select(c => c.PatronId).Distinct().ToList();
        var notified = await AlreadyNotifiedAsync(db, patronIds, ct);
        var planned = OverdueNoticeRules.Plan(candidates, levels, notified, utcNow);
        var patrons = await db.Patrons.AsNoTracking().Where(p => patronIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var created = 0;
        foreach (var chunk in planned.Chunk(SaveChunk))
        {
            created += await SaveChunkAsync(chunk, patrons, utcNow, ct);
        }

        return created;
    }

    /// <summary>(loan, due date, level) already reminded: the first notice of each chain (fallbacks repeat its items).</summary>
    private static async Task<HashSet<(Guid LoanId, DateTime DueAt, int Level)>> AlreadyNotifiedAsync(MediaBibDbContext db, List<Guid> patronIds, CancellationToken ct)
    {
        var rows = await db.Notices.AsNoTracking()
            .Where(n => n.Kind == NoticeKind.OverdueReminder && n.FallbackOfId == null && patronIds.Contains(n.PatronId))
            .Select(n => new { n.Level, Items = EF.Property<List<NoticeItem>>(n, "_items") })
            .ToListAsync(ct);
        return [.. rows.SelectMany(r => r.Items
            .Where(i => i.LoanId is not null && i.LoanDueAt is not null)
            .Select(i => (i.LoanId!.Value, i.LoanDueAt!.Value, r.Level)))];
    }

    private async Task<int> SaveChunkAsync(PlannedOverdueNotice[] chunk, Dictionary<Guid, Patron> patrons, DateTime utcNow, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var plan in chunk)
            {
                Add(db, plan, patrons[plan.PatronId], utcNow);
            }

            await db.SaveChangesAsync(ct);
            return chunk.Length;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another planner queued some of these meanwhile: store the rest one by one.
            var created = 0;
            foreach (var plan in chunk)
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    Add(db, plan, patrons[plan.PatronId], utcNow);
                    await db.SaveChangesAsync(ct);
                    created++;
                }
                catch (DbUpdateException one) when (one.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Already queued.
                }
            }

            return created;
        }
    }

    private static void Add(MediaBibDbContext db, PlannedOverdueNotice plan, Patron patron, DateTime utcNow)
    {
        db.Actor = new Actor(ActorKind.System, "notices");
        db.Notices.Add(new Notice(plan.PatronId, plan.LibraryId, NoticeKind.OverdueReminder, plan.Level.Level,
            ReachableChannels(plan.Level.Channels, patron), plan.Level.TemplateKey, plan.Items, plan.IdempotencyKey, utcNow));
        if (plan.Level.Action == OverdueAction.BlockCard && !patron.IsBlocked)
        {
            db.Attach(patron);
            patron.Block($"Documents en retard (relance de niveau {plan.Level.Level})");
            db.RecordAction(AuditAction.PatronBlocked, patron, $"Carte bloquée par la relance de niveau {plan.Level.Level}");
        }
    }

    /// <summary>
    /// The level's channels the patron can be reached on, the patron's preferred one first; all of them when none
    /// (the log then shows why).
    /// </summary>
    private static List<NoticeChannel> ReachableChannels(IReadOnlyList<NoticeChannel> channels, Patron patron)
    {
        var reachable = channels.Where(c => c switch
        {
            NoticeChannel.Email => !string.IsNullOrWhiteSpace(patron.Email),
            NoticeChannel.Sms => !string.IsNullOrWhiteSpace(patron.Phone),
            NoticeChannel.Letter => !string.IsNullOrWhiteSpace(patron.Address.Street) && !string.IsNullOrWhiteSpace(patron.Address.City),
        }).ToList();
        return NoticeChannelPreference.Apply(reachable.Count > 0 ? reachable : channels, patron.PreferredNoticeChannel);
    }
}
