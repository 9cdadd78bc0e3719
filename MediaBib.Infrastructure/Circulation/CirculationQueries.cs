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
    // Single rows are reached with LEFT JOINs on keys the database keeps unique (one open loan and one open transit per
    // item): a FirstOrDefault() of an entity in a projection would become a ROW_NUMBER() over the whole table.
    private static readonly Func<MediaBibDbContext, Domain.Common.Barcode, CancellationToken, Task<ItemForCirculation?>> ItemWithQueueQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
            (from i in db.Items
             where i.Barcode == barcode
             join t in db.ItemTypes on i.ItemTypeId equals t.Id
             join r in db.Records on i.RecordId equals r.Id
             select new ItemForCirculation(
                 i,
                 t,
                 db.Holds.Where(h => h.RecordId == i.RecordId && Hold.ActiveStatuses.Contains(h.Status)).ToList(),
                 r.Title))
            .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Guid, CancellationToken, Task<PatronForCirculation?>> PatronWithLoansByIdQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Guid id, CancellationToken ct) =>
            (from p in db.Patrons
             where p.Id == id
             join c in db.PatronCategories on p.CategoryId equals c.Id
             select new PatronForCirculation(
                 p,
                 c,
                 db.Loans.Where(l => l.PatronId == p.Id && l.ReturnedAt == null)
                     .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
                     .ToList()))
            .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Domain.Common.CardNumber, CancellationToken, Task<PatronForCirculation?>> PatronWithLoansByCardQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.CardNumber card, CancellationToken ct) =>
            (from p in db.Patrons
             where p.CardNumber == card
             join c in db.PatronCategories on p.CategoryId equals c.Id
             select new PatronForCirculation(
                 p,
                 c,
                 db.Loans.Where(l => l.PatronId == p.Id && l.ReturnedAt == null)
                     .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new OpenLoanInfo(l.Id, l.ItemId, i.ItemTypeId, l.DueAt, l.IsOnSite))
                     .ToList()))
            .FirstOrDefault());

    private static readonly Func<MediaBibDbContext, Domain.Common.Barcode, CancellationToken, Task<ItemForCheckin?>> ItemForCheckinQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Domain.Common.Barcode barcode, CancellationToken ct) =>
            (from i in db.Items
             where i.Barcode == barcode
             from l in db.Loans.Where(l => l.ItemId == i.Id && l.ReturnedAt == null).DefaultIfEmpty()
             from p in db.Patrons.Where(p => p.Id == l!.PatronId).DefaultIfEmpty()
             from c in db.PatronCategories.Where(c => c.Id == p!.CategoryId).DefaultIfEmpty()
             from t in db.Transits.Where(t => t.ItemId == i.Id && t.ReceivedAt == null && t.CancelledAt == null).DefaultIfEmpty()
             select new ItemForCheckin
             {
                 Item = i,
                 Loan = l,
                 Borrower = p,
                 Category = c,
                 Transit = t,
                 Queue = db.Holds.Where(h => h.RecordId == i.RecordId && Hold.ActiveStatuses.Contains(h.Status)).ToList(),
                 Title = db.Records.Where(r => r.Id == i.RecordId).Select(r => r.Title).FirstOrDefault() ?? "",
                 ItemTypeCode = db.ItemTypes.Where(x => x.Id == i.ItemTypeId).Select(x => x.Code).FirstOrDefault(),
                 SectionCode = db.Set<Domain.Sites.Section>().Where(x => x.Id == i.SectionId).Select(x => x.Code).FirstOrDefault(),
             })
            .FirstOrDefault());

    /// <summary>The fine still accruing on a loan (only an overdue loan can have one).</summary>
    public static Task<Fine?> AccruingFineAsync(this MediaBibDbContext db, Guid loanId, CancellationToken ct) =>
        db.Fines.FirstOrDefaultAsync(f => f.LoanId == loanId && f.Status == FineStatus.Accruing, ct);

    /// <summary>
    /// A patron's active holds by request time, with the title, the pickup library's name and the place in the queue
    /// (null once the hold is no longer pending): what the desk's patron file and the OPAC account show.
    /// </summary>
    public static async Task<List<PatronHoldRow>> PatronHoldsWithPositionsAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct)
    {
        var holds = await db.Holds.AsNoTracking().Where(h => h.PatronId == patronId && Hold.ActiveStatuses.Contains(h.Status))
            .Join(db.Records, h => h.RecordId, r => r.Id, (h, r) => new { Hold = h, r.Title })
            .Join(db.Libraries, x => x.Hold.PickupLibraryId, l => l.Id, (x, l) => new { x.Hold, x.Title, Library = l.Name })
            .OrderBy(x => x.Hold.RequestedAt).ToListAsync(ct);
        var recordIds = holds.Select(h => h.Hold.RecordId).Distinct().ToList();
        var queues = await db.Holds.AsNoTracking().Where(h => recordIds.Contains(h.RecordId) && h.Status == HoldStatus.Pending).ToListAsync(ct);
        var positions = HoldQueue.Positions(queues);
        return [.. holds.Select(h => new PatronHoldRow(h.Hold, h.Title, h.Library, positions.TryGetValue(h.Hold.Id, out var position) ? position : null))];
    }

    /// <summary>The fines a patron still owes (open or accruing), oldest first, read-only.</summary>
    public static async Task<List<Fine>> OpenFinesOfPatronAsync(this MediaBibDbContext db, Guid patronId, CancellationToken ct)
    {
        var fines = new List<Fine>();
        await foreach (var fine in OpenFinesQuery(db, patronId).WithCancellation(ct))
        {
            fines.Add(fine);
        }

        return fines;
    }

    // Read by every patron file, OPAC account and kiosk patron information: compiled once.
    private static readonly Func<MediaBibDbContext, Guid, IAsyncEnumerable<Fine>> OpenFinesQuery =
        EF.CompileAsyncQuery<MediaBibDbContext, Guid, Fine>((db, patronId) =>
            db.Fines.AsNoTracking()
                .Where(f => f.PatronId == patronId && (f.Status == FineStatus.Open || f.Status == FineStatus.Accruing))
                .OrderBy(f => f.CreatedAt));

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

public sealed record PatronHoldRow(Hold Hold, string Title, string Library, int? Position);

/// <summary>An item as a checkout needs it; the record's title comes along for the receipt every door shows.</summary>
public sealed record ItemForCirculation(Item Item, ItemType Type, List<Hold> Queue, string Title);

public sealed record PatronForCirculation(Patron Patron, PatronCategory Category, List<OpenLoanInfo> OpenLoans);

public sealed class ItemForCheckin
{
    public required Item Item { get; init; }

    /// <summary>The open loan, if any, with its borrower and the borrower's category.</summary>
    public Loan? Loan { get; init; }

    public Patron? Borrower { get; init; }

    public PatronCategory? Category { get; init; }

    public Transit? Transit { get; init; }

    public required List<Hold> Queue { get; init; }

    /// <summary>For the answer: the record's title, the type's and the section's codes.</summary>
    public string Title { get; init; } = "";

    public string? ItemTypeCode { get; init; }

    public string? SectionCode { get; init; }
}
