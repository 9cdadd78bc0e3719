using MediaBib.Domain.Circulation;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>
/// Queues the reminders sent before something happens (<see cref="ReminderRules"/>): courtesy reminders before a
/// loan's due date and card expiry reminders. Patrons are read a page at a time. A reminder goes only to a channel
/// the patron has an address for (a patron with none gets no reminder), and each is created once (unique key per
/// patron and date), so the jobs may run as often as wanted.
/// </summary>
public sealed class ReminderPlanner(IDbContextFactory<MediaBibDbContext> dbFactory)
{
    private static readonly Actor Planner = new(ActorKind.System, "notices");

    /// <summary>Queues the courtesy reminders due at <paramref name="utcNow"/>; returns how many were created.</summary>
    public async Task<int> PlanCourtesyAsync(DateTime utcNow, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var horizon = ReminderRules.Horizon(settings, s => s.CourtesyDaysBefore, ReminderSettings.DefaultCourtesyDaysBefore);
        var dueBy = LibraryTime.EndOfDayUtc(LibraryTime.Today(utcNow).AddDays(horizon));
        var created = 0;
        await foreach (var page in PatronPages.WithOpenLoansAsync(dbFactory, utcNow, dueBy, NoticePlanner.PatronPage, ct))
        {
            List<DueSoonLoan> loans;
            Dictionary<Guid, Patron> patrons;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var rows = await (
                        from loan in db.Loans
                        where loan.ReturnedAt == null && loan.DueAt > utcNow && loan.DueAt <= dueBy && page.Contains(loan.PatronId!.Value)
                        join item in db.Items on loan.ItemId equals item.Id
                        join record in db.Records on item.RecordId equals record.Id
                        join patron in db.Patrons on loan.PatronId equals patron.Id
                        where patron.AnonymizedAt == null
                        select new { loan.Id, PatronId = patron.Id, patron.CategoryId, loan.LibraryId, loan.DueAt, ItemId = item.Id, item.Barcode, record.Title, item.Price })
                    .AsNoTracking()
                    .ToListAsync(ct);
                loans = [.. rows.Select(l => new DueSoonLoan(l.Id, l.PatronId, l.CategoryId, l.LibraryId, l.DueAt,
                    new NoticeItem(l.ItemId, l.Barcode.Value, l.Title, l.Id, l.DueAt, l.Price)))];
                patrons = await db.Patrons.AsNoTracking().Where(p => page.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            }

            created += await QueueAsync(ReminderRules.PlanCourtesy(loans, settings, utcNow), patrons, utcNow, ct);
        }

        return created;
    }

    /// <summary>Queues the card expiry reminders due at <paramref name="utcNow"/>; returns how many were created.</summary>
    public async Task<int> PlanCardExpiryAsync(DateTime utcNow, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var today = LibraryTime.Today(utcNow);
        var lastExpiry = today.AddDays(ReminderRules.Horizon(settings, s => s.CardExpiryDaysBefore, ReminderSettings.DefaultCardExpiryDaysBefore));
        var created = 0;
        var after = Guid.Empty;
        while (true)
        {
            List<Patron> page;
            List<Guid> ids;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                ids = await db.Database.SqlQuery<Guid>($"""
                        SELECT id AS "Value" FROM patrons
                        WHERE id > {after} AND anonymized_at IS NULL AND expires_on >= {today} AND expires_on <= {lastExpiry}
                        ORDER BY id
                        LIMIT {NoticePlanner.PatronPage}
                        """).ToListAsync(ct);
                page = await db.Patrons.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
            }

            if (ids.Count == 0)
            {
                return created;
            }

            after = ids[^1];
            var planned = page
                .Select(p => ReminderRules.PlanCardExpiry(new ExpiringCard(p.Id, p.HomeLibraryId, p.CategoryId, p.ExpiresOn), settings, utcNow))
                .OfType<PlannedReminder>()
                .ToList();
            created += await QueueAsync(planned, page.ToDictionary(p => p.Id), utcNow, ct);
        }
    }

    private async Task<List<ReminderSettings>> SettingsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReminderSettings.AsNoTracking().ToListAsync(ct);
    }

    private Task<int> QueueAsync(IReadOnlyList<PlannedReminder> planned, Dictionary<Guid, Patron> patrons, DateTime utcNow, CancellationToken ct)
    {
        var reachable = planned
            .Select(p => (Plan: p, Channels: NoticeQueue.ReachableChannels(p.Channels, patrons[p.PatronId])))
            .Where(p => p.Channels.Count > 0)
            .ToList();
        return NoticeQueue.AddAsync(dbFactory, reachable, (db, p) =>
        {
            db.Actor = Planner;
            db.Notices.Add(new Notice(p.Plan.PatronId, p.Plan.LibraryId, p.Plan.Kind, 0, p.Channels, p.Plan.TemplateKey,
                p.Plan.Items, p.Plan.IdempotencyKey, utcNow));
        }, ct);
    }
}
