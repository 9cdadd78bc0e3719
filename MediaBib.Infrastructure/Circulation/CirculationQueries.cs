using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Items;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>The reads every circulation operation shares (one round trip each, none for the cached settings).</summary>
public static class CirculationQueries
{
    /// <summary>Rules that may apply at these libraries (any category and type: filtered in memory by the policy). Cached.</summary>
    public static ValueTask<IReadOnlyList<CirculationRule>> RulesAsync(this MediaBibDbContext db, Guid library, Guid? otherLibrary, CancellationToken ct) =>
        CirculationSettings.For(db).RulesAsync(db, library, otherLibrary, ct);

    /// <summary>The library's opening days and closed days. Cached.</summary>
    public static ValueTask<LibraryCalendar> CalendarAsync(this MediaBibDbContext db, Guid libraryId, CancellationToken ct) =>
        CirculationSettings.For(db).CalendarAsync(db, libraryId, ct);

    public static Task<List<OpenLoanInfo>> OpenLoansAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct) =>
        db.Loans.AsNoTracking()
            .Where(l => l.PatronId == patronId && l.ReturnedAt == null)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
            .ToListAsync(ct);

    public static Task<List<Hold>> ActiveHoldsOnRecordAsync(this MediaBibDbContext db, Guid recordId, CancellationToken ct) =>
        db.Holds.Where(h => h.RecordId == recordId && Hold.ActiveStatuses.Contains(h.Status)).ToListAsync(ct);

    public static Task<List<Hold>> ActiveHoldsOfPatronAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct) =>
        db.Holds.AsNoTracking().Where(h => h.PatronId == patronId && Hold.ActiveStatuses.Contains(h.Status)).ToListAsync(ct);

    /// <summary>An item by barcode with its type and the active holds on its record (tracked), in one round trip.</summary>
    public static Task<ItemForCirculation?> ItemWithQueueAsync(this MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
        ItemWithQueueQuery(db, barcode, ct);

    /// <summary>A patron by card number or id, with their category and open loans, in one round trip.</summary>
    public static Task<PatronForCirculation?> PatronWithLoansAsync(this MediaBibDbContext db, string cardOrId, CancellationToken ct)
    {
        if (Guid.TryParse(cardOrId, out var id))
        {
            return PatronWithLoansByIdQuery(db, id, ct);
        }

        return Domain.Common.Barcode.TryFrom(cardOrId, out var card)
            ? PatronWithLoansByCardQuery(db, Domain.Common.CardNumber.From(card.Value), ct)
            : Task.FromResult<PatronForCirculation?>(null);
    }

    /// <summary>
    /// What a checkin needs about an item, in one round trip: the item, its open loan with the borrower, their
    /// category and the loan's accruing fine, its open transit, and the active holds on its record (all tracked).
    /// </summary>
    public static Task<ItemForCheckin?> ItemForCheckinAsync(this MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
        ItemForCheckinQuery(db, barcode, ct);

    // The hot circulation reads are compiled once: every checkout and checkin skips LINQ translation and cache lookup.
    private static readonly Func<MediaBibDbContext, Domain.Common.Barcode, CancellationToken, Task<ItemForCirculation?>> ItemWithQueueQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
            db.Items.Where(i => i.Barcode == barcode)
                .Select(i => new ItemForCirculation(
                    i,
                    db.ItemTypes.First(t => t.Id == i.ItemTypeId),
                    db.Holds.Where(h => h.RecordId == i.RecordId && Hold.ActiveStatuses.Contains(h.Status)).ToList()))
                .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Guid, CancellationToken, Task<PatronForCirculation?>> PatronWithLoansByIdQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Guid id, CancellationToken ct) =>
            db.Patrons.Where(p => p.Id == id)
                .Select(p => new PatronForCirculation(
                    p,
                    db.PatronCategories.First(c => c.Id == p.CategoryId),
                    db.Loans.Where(l => l.PatronId == p.Id && l.ReturnedAt == null)
                        .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
                        .ToList()))
                .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Domain.Common.CardNumber, CancellationToken, Task<PatronForCirculation?>> PatronWithLoansByCardQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.CardNumber card, CancellationToken ct) =>
            db.Patrons.Where(p => p.CardNumber == card)
                .Select(p => new PatronForCirculation(
                    p,
                    db.PatronCategories.First(c => c.Id == p.CategoryId),
                    db.Loans.Where(l => l.PatronId == p.Id && l.ReturnedAt == null)
                        .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
                        .ToList()))
                .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Domain.Common.Barcode, CancellationToken, Task<ItemForCheckin?>> ItemForCheckinQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
            db.Items.Where(i => i.Barcode == barcode)
                .Select(i => new ItemForCheckin
                {
                    Item = i,
                    Loan = db.Loans.Where(l => l.ItemId == i.Id && l.ReturnedAt == null)
                        .Select(l => new OpenLoanForCheckin
                        {
                            Loan = l,
                            Borrower = db.Patrons.FirstOrDefault(p => p.Id == l.PatronId),
                            Category = db.Patrons.Where(p => p.Id == l.PatronId)
                                .Join(db.PatronCategories, p => p.CategoryId, c => c.Id, (p, c) => c).FirstOrDefault(),
                            AccruingFine = db.Fines.FirstOrDefault(f => f.LoanId == l.Id && f.Status == FineStatus.Accruing),
                        })
                        .FirstOrDefault(),
                    Transit = db.Transits.FirstOrDefault(t => t.ItemId == i.Id && t.ReceivedAt == null && t.CancelledAt == null),
                    Queue = db.Holds.Where(h => h.RecordId == i.RecordId && Hold.ActiveStatuses.Contains(h.Status)).ToList(),
                })
                .FirstOrDefault());

    public static async Task<(Patron Patron, PatronCategory Category)?> PatronAsync(this MediaBibDbContext db, string cardOrId, CancellationToken ct)
    {
        if (PatronQuery(db, cardOrId) is not { } query)
        {
            return null;
        }

        var row = await query
            .Join(db.PatronCategories, p => p.CategoryId, c => c.Id, (p, c) => new { Patron = p, Category = c })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Patron, row.Category);
    }

    private static IQueryable<Patron>? PatronQuery(MediaBibDbContext db, string cardOrId)
    {
        if (Guid.TryParse(cardOrId, out var id))
        {
            return db.Patrons.Where(p => p.Id == id);
        }

        if (Domain.Common.Barcode.TryFrom(cardOrId, out var card))
        {
            var cardNumber = Domain.Common.CardNumber.From(card.Value);
            return db.Patrons.Where(p => p.CardNumber == cardNumber);
        }

        return null;
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

public sealed record ItemForCirculation(Item Item, ItemType Type, List<Hold> Queue);

public sealed record PatronForCirculation(Patron Patron, PatronCategory Category, List<OpenLoanInfo> OpenLoans);

public sealed class ItemForCheckin
{
    public required Item Item { get; init; }

    public OpenLoanForCheckin? Loan { get; init; }

    public Transit? Transit { get; init; }

    public required List<Hold> Queue { get; init; }
}

public sealed class OpenLoanForCheckin
{
    public required Loan Loan { get; init; }

    public Patron? Borrower { get; init; }

    public PatronCategory? Category { get; init; }

    public Fine? AccruingFine { get; init; }
}
