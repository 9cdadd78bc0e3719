using MediaBib.Domain.Audit;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>
/// Queues the overdue reminders due at <c>now</c>: pages through the patrons with late loans (a page of patrons at a
/// time, so memory stays flat however many loans are late), lets <see cref="OverdueNoticeRules"/> pick one notice per
/// patron and level, and stores them. Each notice's idempotency key is unique in the database, so a planner that runs
/// twice, or on two nodes at once, queues each notice once. A level's <see cref="OverdueAction.BlockCard"/> blocks the
/// card in the same save; <see cref="OverdueAction.MarkLostAndCharge"/> declares the items lost through the circulation
/// engine (loan closed, replacement price charged per the rules) once the patron's notice of that level is stored.
/// </summary>
public sealed class NoticePlanner(IDbContextFactory<MediaBibDbContext> dbFactory, CirculationDesk desk, ILogger<NoticePlanner>? logger = null)
{
    /// <summary>Patrons loaded per page.</summary>
    public const int PatronPage = 1000;

    private static readonly Actor Planner = new(ActorKind.System, "notices");
    private readonly ILogger _logger = logger ?? NullLogger<NoticePlanner>.Instance;

    /// <summary>Queues the reminders due and applies the levels' actions; returns how many notices were created.</summary>
    public async Task<int> PlanOverdueAsync(DateTime utcNow, CancellationToken ct)
    {
        List<OverdueLevel> levels;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            levels = await db.OverdueLevels.AsNoTracking().ToListAsync(ct);
        }

        if (levels.Count == 0)
        {
            return 0;
        }

        var latestDue = utcNow.AddDays(-levels.Min(l => l.DelayDays));
        var created = 0;
        await foreach (var page in PatronPages.WithOpenLoansAsync(dbFactory, null, latestDue, PatronPage, ct))
        {
            created += await PlanPageAsync(page, levels, latestDue, utcNow, ct);
        }

        return created;
    }

    private async Task<int> PlanPageAsync(List<Guid> patronIds, List<OverdueLevel> levels, DateTime latestDue, DateTime utcNow, CancellationToken ct)
    {
        List<OverdueLoan> candidates;
        HashSet<(Guid LoanId, DateTime DueAt, int Level)> notified;
        Dictionary<Guid, Patron> patrons;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var loans = await (
                    from loan in db.Loans
                    where loan.ReturnedAt == null && loan.DueAt <= latestDue && patronIds.Contains(loan.PatronId!.Value)
                    join item in db.Items on loan.ItemId equals item.Id
                    join record in db.Records on item.RecordId equals record.Id
                    join patron in db.Patrons on loan.PatronId equals patron.Id
                    select new { loan.Id, PatronId = patron.Id, patron.CategoryId, loan.LibraryId, loan.DueAt, ItemId = item.Id, item.Barcode, record.Title, item.Price })
                .AsNoTracking()
                .ToListAsync(ct);
            candidates = [.. loans.Select(l => new OverdueLoan(l.Id, l.PatronId, l.CategoryId, l.LibraryId, l.DueAt,
                new NoticeItem(l.ItemId, l.Barcode.Value, l.Title, l.Id, l.DueAt, l.Price)))];
            notified = await AlreadyNotifiedAsync(db, patronIds, ct);
            patrons = await db.Patrons.AsNoTracking().Where(p => patronIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        }

        var planned = OverdueNoticeRules.Plan(candidates, levels, notified, utcNow);
        var created = await NoticeQueue.AddAsync(dbFactory, planned, (db, plan) => Add(db, plan, patrons[plan.PatronId], utcNow), ct);

        // Declare lost what reached a "mark lost and charge" level whose notice is stored (now or by an earlier run).
        foreach (var plan in planned)
        {
            foreach (var item in plan.Items)
            {
                notified.Add((item.LoanId!.Value, item.LoanDueAt!.Value, plan.Level.Level));
            }
        }

        foreach (var loan in OverdueNoticeRules.ToDeclareLost(candidates, levels, notified, utcNow))
        {
            var outcome = await desk.MarkLostAsync(Planner, loan.Item.Barcode, ct);
            if (!outcome.Succeeded)
            {
                _logger.LogWarning("Overdue item {Barcode} could not be declared lost: {Reasons}", loan.Item.Barcode, string.Join(", ", outcome.Refusals));
            }
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

    private static void Add(MediaBibDbContext db, PlannedOverdueNotice plan, Patron patron, DateTime utcNow)
    {
        db.Actor = Planner;
        db.Notices.Add(new Notice(plan.PatronId, plan.LibraryId, NoticeKind.OverdueReminder, plan.Level.Level,
            NoticeQueue.ReachableChannels(plan.Level.Channels, patron) is { Count: > 0 } reachable
                ? reachable
                : NoticeChannelPreference.Apply(plan.Level.Channels, patron.PreferredNoticeChannel),
            plan.Level.TemplateKey, plan.Items, plan.IdempotencyKey, utcNow));
        if (plan.Level.Action == OverdueAction.BlockCard && !patron.IsBlocked)
        {
            db.Attach(patron);
            patron.Block($"Documents en retard (relance de niveau {plan.Level.Level})");
            db.RecordAction(AuditAction.PatronBlocked, patron, $"Carte bloquée par la relance de niveau {plan.Level.Level}");
        }
    }
}
