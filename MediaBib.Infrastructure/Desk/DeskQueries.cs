using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Desk;

/// <summary>
/// Read queries of the circulation desk: patron lookup, the patron file, item summaries after a scan and receipts.
/// Changes go through the circulation engine (<see cref="Circulation.CirculationDesk"/>), never through here.
/// </summary>
public sealed class DeskQueries(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{

    /// <summary>
    /// Finds patrons by exact card number, else by name: accent- and case-insensitive substring or trigram word
    /// similarity on the stored <c>name_normalized</c> column, so "elise martn" finds "MARTIN Élise".
    /// </summary>
    public async Task<IReadOnlyList<PatronMatch>> FindPatronsAsync(string term, int max = 20, CancellationToken ct = default)
    {
        var text = term.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var patrons = db.Patrons.AsNoTracking().Where(p => p.AnonymizedAt == null);
        if (Barcode.TryFrom(text, out var card))
        {
            var cardNumber = CardNumber.From(card.Value);
            var byCard = await Project(db, patrons.Where(p => p.CardNumber == cardNumber)).ToListAsync(ct);
            if (byCard.Count > 0)
            {
                return byCard;
            }
        }

        if (text.Length < 2)
        {
            return [];
        }

        var lowered = text.ToLowerInvariant();
        return await patrons
            .Join(db.PatronCategories, p => p.CategoryId, c => c.Id, (p, c) => new
            {
                Patron = p,
                Category = c.Label,
                Name = EF.Property<string>(p, "NameNormalized"),
                Term = SearchFunctions.Unaccent(lowered),
            })
            .Where(x => EF.Functions.ILike(x.Name, "%" + x.Term + "%") || EF.Functions.TrigramsAreWordSimilar(x.Term, x.Name))
            .OrderByDescending(x => EF.Functions.TrigramsWordSimilarity(x.Term, x.Name))
            .ThenBy(x => x.Patron.LastName).ThenBy(x => x.Patron.FirstName)
            .Take(max)
            .Select(x => new PatronMatch(x.Patron.Id, x.Patron.CardNumber.Value, x.Patron.LastName, x.Patron.FirstName, x.Category, x.Patron.ExpiresOn))
            .ToListAsync(ct);
    }

    /// <summary>The patron file, or null when there is no such patron.</summary>
    public async Task<PatronFile?> PatronFileAsync(Guid patronId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = LibraryTime.Today(now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Patrons.AsNoTracking().Where(p => p.Id == patronId)
            .Join(db.PatronCategories, p => p.CategoryId, c => c.Id, (p, c) => new { Patron = p, Category = c.Label })
            .Join(db.Libraries, x => x.Patron.HomeLibraryId, l => l.Id, (x, l) => new { x.Patron, x.Category, Library = l.Name })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var loans = await db.Loans.AsNoTracking().Where(l => l.PatronId == patronId && l.ReturnedAt == null)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { Loan = l, Item = i })
            .Join(db.Records, x => x.Item.RecordId, r => r.Id, (x, r) => new
            {
                x.Loan.Id, x.Loan.ItemId, x.Item.Barcode, r.Title, x.Item.CallNumber, x.Loan.CheckedOutAt, x.Loan.DueAt, x.Loan.RenewalCount,
            })
            .OrderBy(x => x.DueAt).ToListAsync(ct);

        var holds = await db.PatronHoldsWithPositionsAsync(patronId, ct);
        var fines = await db.OpenFinesOfPatronAsync(patronId, ct);

        var p = row.Patron;
        return new PatronFile(
            p.Id, p.CardNumber.Value, p.FirstName, p.LastName, p.BirthDate, p.Email, p.Phone, p.Address.ToString(),
            row.Category, row.Library, p.ExpiresOn, p.IsExpired(today), p.IsBlocked, p.BlockReason, p.SuspendedUntil, p.IsSuspended(today),
            p.Balance, p.Notes,
            [.. loans.Select(l => new PatronLoanLine(l.Id, l.ItemId, l.Barcode.Value, l.Title, l.CallNumber, l.CheckedOutAt, l.DueAt, l.RenewalCount, now > l.DueAt))],
            [.. holds.Select(h => new PatronHoldLine(
                h.Hold.Id, h.Hold.RecordId, h.Title, h.Hold.Status, h.Position,
                h.Library, h.Hold.PickupDeadline, h.Hold.RequestedAt))],
            [.. fines.Select(f => new PatronFineLine(f.Id, f.Kind, f.Status, f.Description, f.Amount, f.Outstanding))]);
    }

    /// <summary>Title and call number of an item, for the line a scan adds.</summary>
    public async Task<ItemSummary?> ItemAsync(Guid itemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Items.AsNoTracking().Where(i => i.Id == itemId)
            .Join(db.Records, i => i.RecordId, r => r.Id, (i, r) => new ItemSummary(i.Id, i.Barcode.Value, r.Title, i.CallNumber))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Title and call number of the item with this barcode (a refused scan still names the document).</summary>
    public async Task<ItemSummary?> ItemByBarcodeAsync(string barcode, CancellationToken ct = default)
    {
        if (!Barcode.TryFrom(barcode, out var code))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Items.AsNoTracking().Where(i => i.Barcode == code)
            .Join(db.Records, i => i.RecordId, r => r.Id, (i, r) => new ItemSummary(i.Id, i.Barcode.Value, r.Title, i.CallNumber))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>"DUPONT Marie" for a patron id (hold shelf instructions), or null.</summary>
    public async Task<PatronMatch?> PatronAsync(Guid patronId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.Patrons.AsNoTracking().Where(p => p.Id == patronId)).FirstOrDefaultAsync(ct);
    }

    public async Task<string?> LibraryNameAsync(Guid libraryId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Libraries.AsNoTracking().Where(l => l.Id == libraryId).Select(l => l.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The receipt of the given loans of one patron (loans of anybody else are left out).</summary>
    public async Task<Receipt?> ReceiptAsync(Guid patronId, IReadOnlyCollection<Guid> loanIds, Guid? libraryId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patron = await db.Patrons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patronId, ct);
        if (patron is null)
        {
            return null;
        }

        var ids = loanIds.ToList();
        var lines = await db.Loans.AsNoTracking().Where(l => ids.Contains(l.Id) && l.PatronId == patronId)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { Loan = l, Item = i })
            .Join(db.Records, x => x.Item.RecordId, r => r.Id, (x, r) => new { x.Loan.Id, x.Item.Barcode, r.Title, x.Item.CallNumber, x.Loan.DueAt })
            .OrderBy(x => x.DueAt).ToListAsync(ct);
        var library = libraryId is { } id ? await db.Libraries.AsNoTracking().Where(l => l.Id == id).Select(l => l.Name).FirstOrDefaultAsync(ct) : null;
        return new Receipt(patron.SortName, patron.CardNumber.Value, library ?? "",
            [.. lines.Select(l => new ReceiptLine(l.Id, l.Barcode.Value, l.Title, l.CallNumber, l.DueAt))]);
    }

    private static IQueryable<PatronMatch> Project(MediaBibDbContext db, IQueryable<Patron> patrons) =>
        patrons.Join(db.PatronCategories, p => p.CategoryId, c => c.Id,
            (p, c) => new PatronMatch(p.Id, p.CardNumber.Value, p.LastName, p.FirstName, c.Label, p.ExpiresOn));
}
