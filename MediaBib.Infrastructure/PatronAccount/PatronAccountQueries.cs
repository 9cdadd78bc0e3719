using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.PatronAccount;

/// <summary>Read queries of the patron's own account (no tracking, one DbContext per call).</summary>
public sealed class PatronAccountQueries(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public async Task<PatronAccountView?> AccountAsync(Guid patronId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = LibraryTime.Today(now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Patrons.AsNoTracking().Where(p => p.Id == patronId && p.AnonymizedAt == null)
            .Join(db.Libraries, p => p.HomeLibraryId, l => l.Id, (p, l) => new { Patron = p, Library = l.Name })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var loans = await db.Loans.AsNoTracking().Where(l => l.PatronId == patronId && l.ReturnedAt == null)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { Loan = l, Item = i })
            .Join(db.Records, x => x.Item.RecordId, r => r.Id, (x, r) => new { x.Loan, x.Item, r.Title })
            .Join(db.Libraries, x => x.Loan.LibraryId, l => l.Id, (x, l) => new
            {
                x.Loan.Id, x.Item.RecordId, x.Title, x.Item.Barcode, Library = l.Name, x.Loan.CheckedOutAt, x.Loan.DueAt, x.Loan.RenewalCount,
            })
            .OrderBy(x => x.DueAt).ToListAsync(ct);

        var holds = await db.PatronHoldsWithPositionsAsync(patronId, ct);
        var fines = await db.OpenFinesOfPatronAsync(patronId, ct);

        var p = row.Patron;
        return new PatronAccountView(
            p.Id, p.CardNumber.Value, p.FirstName, p.LastName, row.Library, p.ExpiresOn, p.IsExpired(today), p.IsBlocked,
            p.SuspendedUntil, p.IsSuspended(today), p.Balance, p.KeepReadingHistory, p.PreferredNoticeChannel, p.Email, p.Phone,
            p.Address.ToString(),
            [.. loans.Select(l => new AccountLoan(l.Id, l.RecordId, l.Title, l.Barcode.Value, l.Library, l.CheckedOutAt, l.DueAt, l.RenewalCount, now > l.DueAt))],
            [.. holds.Select(h => new AccountHold(
                h.Hold.Id, h.Hold.RecordId, h.Title, h.Hold.Status, h.Position,
                h.Hold.PickupLibraryId, h.Library, h.Hold.PickupDeadline, h.Hold.SuspendedUntil, h.Hold.IsSuspended(today), h.Hold.RequestedAt))],
            [.. fines.Select(f => new AccountFine(f.Id, f.Kind, f.Status, f.Description, f.Amount, f.Outstanding, f.CreatedAt))]);
    }

    /// <summary>Returned loans still linked to the patron, newest first; empty unless the patron keeps a history.</summary>
    public async Task<IReadOnlyList<HistoryLoan>> HistoryAsync(Guid patronId, int max = 500, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Patrons.AnyAsync(p => p.Id == patronId && p.KeepReadingHistory, ct))
        {
            return [];
        }

        return await db.Loans.AsNoTracking().Where(l => l.PatronId == patronId && l.ReturnedAt != null)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { Loan = l, i.RecordId })
            .Join(db.Records, x => x.RecordId, r => r.Id, (x, r) => new { x.Loan, x.RecordId, r.Title })
            .Join(db.Libraries, x => x.Loan.LibraryId, l => l.Id, (x, l) => new { x.Loan, x.RecordId, x.Title, Library = l.Name })
            .OrderByDescending(x => x.Loan.ReturnedAt).Take(max)
            .Select(x => new HistoryLoan(x.RecordId, x.Title, x.Library, x.Loan.CheckedOutAt, x.Loan.ReturnedAt!.Value))
            .ToListAsync(ct);
    }

    /// <summary>True when the loan is an open loan of this patron (a patron renews only their own loans).</summary>
    public async Task<bool> OwnsOpenLoanAsync(Guid patronId, Guid loanId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Loans.AnyAsync(l => l.Id == loanId && l.PatronId == patronId && l.ReturnedAt == null, ct);
    }
}
