using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>The reads every circulation operation shares (one round trip each).</summary>
public static class CirculationQueries
{
    /// <summary>Rules that may apply at these libraries (any category and type: filtered in memory by the policy).</summary>
    public static Task<List<CirculationRule>> RulesAsync(this MediaBibDbContext db, Guid library, Guid? otherLibrary, CancellationToken ct)
    {
        var other = otherLibrary ?? library;
        return db.Set<CirculationRule>().AsNoTracking()
            .Where(r => r.LibraryId == null || r.LibraryId == library || r.LibraryId == other)
            .ToListAsync(ct);
    }

    public static async Task<LibraryCalendar> CalendarAsync(this MediaBibDbContext db, Guid libraryId, CancellationToken ct)
    {
        var library = await db.Libraries.AsNoTracking().FirstOrDefaultAsync(l => l.Id == libraryId, ct);
        return library?.Calendar ?? LibraryCalendar.AlwaysOpen;
    }

    public static Task<List<OpenLoanInfo>> OpenLoansAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct) =>
        db.Loans.AsNoTracking()
            .Where(l => l.PatronId == patronId && l.ReturnedAt == null)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
            .ToListAsync(ct);

    public static Task<List<Hold>> ActiveHoldsOnRecordAsync(this MediaBibDbContext db, Guid recordId, CancellationToken ct) =>
        db.Holds.Where(h => h.RecordId == recordId && Hold.ActiveStatuses.Contains(h.Status)).ToListAsync(ct);

    public static Task<List<Hold>> ActiveHoldsOfPatronAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct) =>
        db.Holds.AsNoTracking().Where(h => h.PatronId == patronId && Hold.ActiveStatuses.Contains(h.Status)).ToListAsync(ct);

    public static async Task<(Patron Patron, PatronCategory Category)?> PatronAsync(this MediaBibDbContext db, string cardOrId, CancellationToken ct)
    {
        IQueryable<Patron> query;
        if (Guid.TryParse(cardOrId, out var id))
        {
            query = db.Patrons.Where(p => p.Id == id);
        }
        else if (Domain.Common.Barcode.TryFrom(cardOrId, out var card))
        {
            var cardNumber = Domain.Common.CardNumber.From(card.Value);
            query = db.Patrons.Where(p => p.CardNumber == cardNumber);
        }
        else
        {
            return null;
        }

        var row = await query
            .Join(db.PatronCategories, p => p.CategoryId, c => c.Id, (p, c) => new { Patron = p, Category = c })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Patron, row.Category);
    }

    /// <summary>Sets the patron's balance to the sum of what their open fines still ask, in the current transaction.</summary>
    public static Task RecomputeBalanceAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE patrons SET balance = COALESCE((
                SELECT SUM(GREATEST(amount - amount_paid - amount_waived, 0)) FROM fines
                WHERE patron_id = {patronId} AND status IN ('Accruing', 'Open')), 0)
            WHERE id = {patronId}
            """, ct);
}
