using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>
/// Keeps the fines of loans still out and overdue visible while they accrue: each run (nightly) creates or updates one
/// <see cref="FineStatus.Accruing"/> fine per overdue loan with the amount the checkin would charge now (same
/// <see cref="FineCalculator"/>, same rules and calendar, grace and caps). The checkin then only stops it at its final
/// amount; payments already made against it are kept. Loans are read a page at a time. A checkin racing with the accrual on one loan cannot leave it two
/// overdue fines: the unique index <see cref="CirculationDesk.OverdueFinePerLoanIndex"/> refuses the second, and the loser
/// reads again.
/// </summary>
public sealed class FineAccrual(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public const int Page = 500;

    /// <summary>Returns how many fines were created or changed.</summary>
    public async Task<int> AccrueAsync(Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        var after = Guid.Empty;
        var retries = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = actor;
            var page = await (
                    from l in db.Loans.AsNoTracking()
                    where l.ReturnedAt == null && l.DueAt < now && l.PatronId != null && l.Id.CompareTo(after) > 0
                    join i in db.Items on l.ItemId equals i.Id
                    join p in db.Patrons on l.PatronId equals p.Id
                    join c in db.PatronCategories on p.CategoryId equals c.Id
                    orderby l.Id
                    select new { l.Id, PatronId = p.Id, l.LibraryId, l.DueAt, ItemId = i.Id, i.ItemTypeId, i.Price, i.Barcode, Category = c })
                .Take(Page)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                return changed;
            }

            var (pageStart, changedBefore) = (after, changed);
            after = page[^1].Id;
            var loanIds = page.Select(r => (Guid?)r.Id).ToList();
            // Any overdue fine of the loan, accruing or not: a loan that already has a final one gets no second.
            var overdueFines = await db.Fines.Where(f => loanIds.Contains(f.LoanId) && f.Kind == FineKind.Overdue)
                .ToDictionaryAsync(f => f.LoanId!.Value, ct);
            var patrons = new HashSet<Guid>();
            foreach (var row in page)
            {
                var policy = CirculationPolicy.Resolve(await db.RulesAsync(row.LibraryId, null, ct), row.LibraryId, row.Category, row.ItemTypeId);
                var charge = FineCalculator.Overdue(policy, await db.CalendarAsync(row.LibraryId, ct), row.DueAt, now, row.Price);
                if (overdueFines.TryGetValue(row.Id, out var fine))
                {
                    if (fine.Status == FineStatus.Accruing && fine.Amount != charge.Amount)
                    {
                        fine.Accrue(charge.Amount);
                        patrons.Add(row.PatronId);
                        changed++;
                    }
                }
                else if (charge.Amount > 0)
                {
                    fine = new Fine(row.PatronId, FineKind.Overdue, charge.Amount, $"Retard en cours — exemplaire {row.Barcode}", row.Id, row.ItemId, accruing: true);
                    db.Fines.Add(fine);
                    db.RecordAction(AuditAction.FineCreated, fine, fine.Amount.ToString("C", Money.French));
                    patrons.Add(row.PatronId);
                    changed++;
                }
            }

            if (patrons.Count == 0)
            {
                continue;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (CirculationDesk.IsOverdueFineRace(e))
            {
                // A loan of this page was checked in (its final fine written) since we read it: read the page again.
                await tx.RollbackAsync(ct);
                if (++retries > 3)
                {
                    throw;
                }

                after = pageStart;
                changed = changedBefore;
                continue;
            }

            foreach (var patron in patrons)
            {
                await db.RecomputeBalanceAsync(patron, ct);
            }

            await tx.CommitAsync(ct);
        }
    }
}
