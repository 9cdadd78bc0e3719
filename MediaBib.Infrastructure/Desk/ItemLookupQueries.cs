using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Desk;

/// <summary>An item found at the desk by barcode or title.</summary>
public sealed record ItemMatch(Guid ItemId, string Barcode, string Title, string? CallNumber, ItemStatus Status, string Library, Guid RecordId);

/// <summary>The open loan of an item, with its borrower.</summary>
public sealed record ItemLoanView(Guid LoanId, Guid? PatronId, string? PatronName, string? CardNumber, DateTime CheckedOutAt, DateTime DueAt, bool IsOverdue);

/// <summary>A hold of the item's record (or on the item itself), in queue order.</summary>
public sealed record ItemHoldView(Guid HoldId, int? Position, Guid? PatronId, string PatronName, HoldStatus Status, string PickupLibrary, DateTime RequestedAt, bool OnThisItem);

public sealed record ItemTransitView(string From, string To, TransitReason Reason, DateTime SentAt);

/// <summary>A past loan: the borrower is null once the loan history has been anonymised.</summary>
public sealed record ItemHistoryLine(DateTime CheckedOutAt, DateTime? ReturnedAt, string? PatronName, string Library);

/// <summary>What the desk shows about one item.</summary>
public sealed record ItemFile(
    Guid ItemId, Guid RecordId, string Barcode, string Title, string? Responsibility, string? CallNumber, string ItemType,
    ItemStatus Status, DateTime StatusChangedAt, string HomeLibrary, string CurrentLibrary,
    ItemLoanView? Loan, IReadOnlyList<ItemHoldView> Holds, ItemTransitView? Transit, IReadOnlyList<ItemHistoryLine> History);

/// <summary>Item lookup at the desk: by barcode (exact) or by title (accent-insensitive substring or trigram).</summary>
public sealed class ItemLookupQueries(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    private const int HistoryLength = 50;

    public async Task<IReadOnlyList<ItemMatch>> FindAsync(string term, int max = 30, CancellationToken ct = default)
    {
        var text = term.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (Barcode.TryFrom(text, out var code))
        {
            var exact = await Matches(db, db.Items.AsNoTracking().Where(i => i.Barcode == code)).ToListAsync(ct);
            if (exact.Count > 0)
            {
                return exact;
            }
        }

        if (text.Length < 3)
        {
            return [];
        }

        var lowered = text.ToLowerInvariant();
        var records = db.Records.AsNoTracking()
            .Select(r => new { r.Id, Title = EF.Property<string>(r, "TitleNormalized"), Term = SearchFunctions.Unaccent(lowered) })
            .Where(x => EF.Functions.ILike(x.Title, "%" + x.Term + "%") || EF.Functions.TrigramsAreWordSimilar(x.Term, x.Title))
            .OrderByDescending(x => EF.Functions.TrigramsWordSimilarity(x.Term, x.Title))
            .Take(max)
            .Select(x => x.Id);
        var ids = await records.ToListAsync(ct);
        var rank = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        var items = await Matches(db, db.Items.AsNoTracking().Where(i => ids.Contains(i.RecordId))).ToListAsync(ct);

        // The best titles first: the records' rank, not the database's order, decides which items make the list.
        return [.. items.OrderBy(m => rank.GetValueOrDefault(m.RecordId, int.MaxValue)).Take(max)];
    }

    public async Task<ItemFile?> ItemAsync(Guid itemId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await (
            from i in db.Items.AsNoTracking()
            join r in db.Records on i.RecordId equals r.Id
            join t in db.ItemTypes on i.ItemTypeId equals t.Id
            join home in db.Libraries on i.HomeLibraryId equals home.Id
            join here in db.Libraries on i.CurrentLibraryId equals here.Id
            where i.Id == itemId
            select new { Item = i, r.Title, r.Responsibility, Type = t.Label, Home = home.Name, Here = here.Name }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var loan = await (
            from l in db.Loans.AsNoTracking()
            join p in db.Patrons on l.PatronId equals p.Id
            where l.ItemId == itemId && l.ReturnedAt == null
            select new { l.Id, l.PatronId, p.LastName, p.FirstName, p.CardNumber, l.CheckedOutAt, l.DueAt }).FirstOrDefaultAsync(ct);

        var holds = await (
            from h in db.Holds.AsNoTracking()
            join lib in db.Libraries on h.PickupLibraryId equals lib.Id
            join p in db.Patrons on h.PatronId equals p.Id
            where h.RecordId == row.Item.RecordId && Hold.ActiveStatuses.Contains(h.Status) && (!h.IsItemLevel || h.ItemId == itemId)
            select new { Hold = h, Pickup = lib.Name, p.LastName, p.FirstName }).ToListAsync(ct);
        var positions = HoldQueue.Positions(holds.Select(h => h.Hold));

        var transit = await (
            from t in db.Transits.AsNoTracking()
            join source in db.Libraries on t.FromLibraryId equals source.Id
            join destination in db.Libraries on t.ToLibraryId equals destination.Id
            where t.ItemId == itemId && t.ReceivedAt == null && t.CancelledAt == null
            select new ItemTransitView(source.Name, destination.Name, t.Reason, t.SentAt)).FirstOrDefaultAsync(ct);

        var history = await (
            from l in db.Loans.AsNoTracking()
            join lib in db.Libraries on l.LibraryId equals lib.Id
            join p in db.Patrons on l.PatronId equals p.Id into borrowers
            from p in borrowers.DefaultIfEmpty()
            where l.ItemId == itemId && l.ReturnedAt != null
            orderby l.CheckedOutAt descending
            select new { l.CheckedOutAt, l.ReturnedAt, p.LastName, p.FirstName, Library = lib.Name }).Take(HistoryLength).ToListAsync(ct);

        var item = row.Item;
        return new ItemFile(
            item.Id, item.RecordId, item.Barcode.Value, row.Title, row.Responsibility, item.CallNumber, row.Type, item.Status, item.StatusChangedAt,
            row.Home, row.Here,
            loan is null ? null : new ItemLoanView(loan.Id, loan.PatronId, Name(loan.LastName, loan.FirstName), loan.CardNumber.Value, loan.CheckedOutAt, loan.DueAt, now > loan.DueAt),
            [.. holds
                .OrderBy(h => positions.TryGetValue(h.Hold.Id, out var p) ? p : 0)
                .ThenBy(h => h.Hold.RequestedAt)
                .Select(h => new ItemHoldView(h.Hold.Id, positions.TryGetValue(h.Hold.Id, out var p) ? p : null, h.Hold.PatronId,
                    Name(h.LastName, h.FirstName) ?? "—", h.Hold.Status, h.Pickup, h.Hold.RequestedAt, h.Hold.ItemId == itemId))],
            transit,
            [.. history.Select(h => new ItemHistoryLine(h.CheckedOutAt, h.ReturnedAt, Name(h.LastName, h.FirstName), h.Library))]);
    }

    private static string? Name(string? lastName, string? firstName) =>
        lastName is null ? null : $"{lastName.ToUpperInvariant()} {firstName}";

    private static IQueryable<ItemMatch> Matches(MediaBibDbContext db, IQueryable<Item> items) =>
        from i in items
        join r in db.Records on i.RecordId equals r.Id
        join l in db.Libraries on i.CurrentLibraryId equals l.Id
        orderby r.Title, i.Barcode
        select new ItemMatch(i.Id, i.Barcode.Value, r.Title, i.CallNumber, i.Status, l.Name, r.Id);
}
