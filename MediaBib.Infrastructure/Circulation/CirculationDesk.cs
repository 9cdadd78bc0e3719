using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>
/// The circulation desk's operations, shared by the staff pages, the REST API, the OPAC and the SIP2 worker:
/// load → domain rules → one save, returning a typed outcome. Every operation is audited and raises its events into
/// the outbox in the same transaction.
/// </summary>
public sealed partial class CirculationDesk(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Lends an item. Never lends one item twice: a concurrent checkout of the same item (caught by the item's xmin
    /// token or the partial unique index on open loans) comes back as <c>item.not_available</c>.
    /// </summary>
    public async Task<Outcome<LoanReceipt>> CheckOutAsync(
        Actor actor, Guid libraryId, string patronCardOrId, string itemBarcode, string? overrideReason = null, bool onSite = false, CancellationToken ct = default)
    {
        if (!Barcode.TryFrom(itemBarcode, out var barcode))
        {
            return Outcome<LoanReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        await using var db = await OpenAsync(actor, ct);
        if (await db.ItemWithQueueAsync(barcode, ct) is not { } row)
        {
            return Outcome<LoanReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        if (await db.PatronWithLoansAsync(patronCardOrId, ct) is not var (patron, category, openLoans))
        {
            return Outcome<LoanReceipt>.Refused(RefusalReason.PatronUnknown);
        }

        var now = Now;
        var item = row.Item;
        var holds = row.Queue;
        var rules = await db.RulesAsync(libraryId, null, ct);
        var calendar = await db.CalendarAsync(libraryId, ct);
        var policy = CirculationPolicy.Resolve(rules, libraryId, category, item.ItemTypeId);
        var staffOverride = string.IsNullOrWhiteSpace(overrideReason) ? null : new StaffOverride(overrideReason);
        var decision = CheckoutRules.Evaluate(patron, item, row.Type, openLoans, holds, policy, calendar, now, staffOverride, onSite);
        if (!decision.IsAllowed)
        {
            return Outcome<LoanReceipt>.Refused(decision.Verdict.Refusals);
        }

        var loan = new Loan(item.Id, patron.Id, libraryId, now, decision.DueAt, onSite);
        item.Lend(now);
        db.Loans.Add(loan);
        if (decision.Verdict.Overridden.Count > 0)
        {
            loan.RecordOverride(overrideReason!);
            db.RecordAction(AuditAction.CheckoutOverride, loan,
                $"Prêt forcé ({string.Join(", ", decision.Verdict.Overridden.Select(r => r.Code()))}) : {overrideReason}");
        }

        db.RecordAction(AuditAction.Checkout, loan, $"{item.Barcode} → {patron.CardNumber}");
        if (decision.HoldToFulfil is { } hold)
        {
            hold.Fulfil(loan.Id, now);
            db.RecordAction(AuditAction.HoldFulfilled, hold);
        }

        if (!await TrySaveAsync(db, ct))
        {
            return Outcome<LoanReceipt>.Refused(RefusalReason.ItemNotAvailable);
        }

        return new LoanReceipt(loan.Id, item.Id, patron.Id, loan.DueAt, decision.HoldToFulfil?.Id, decision.Verdict.Overridden) { Title = row.Title };
    }

    public async Task<Outcome<RenewalReceipt>> RenewAsync(Actor actor, Guid loanId, string? overrideReason = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var outcome = await RenewInAsync(db, loanId, overrideReason, ct);
        if (outcome.Succeeded && !await TrySaveAsync(db, ct))
        {
            return Outcome<RenewalReceipt>.Refused(RefusalReason.LoanAlreadyReturned);
        }

        return outcome;
    }

    /// <summary>Renews every open loan of the patron that the rules allow; each loan gets its own answer.</summary>
    public async Task<RenewAllReceipt> RenewAllAsync(Actor actor, Guid patronId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var loanIds = await db.Loans.AsNoTracking().Where(l => l.PatronId == patronId && l.ReturnedAt == null)
            .OrderBy(l => l.DueAt).Select(l => l.Id).ToListAsync(ct);
        var results = new List<(Guid, Outcome<RenewalReceipt>)>();
        foreach (var id in loanIds)
        {
            results.Add((id, await RenewInAsync(db, id, null, ct)));
        }

        if (results.Any(r => r.Item2.Succeeded) && !await TrySaveAsync(db, ct))
        {
            results = [.. results.Select(r => (r.Item1, Outcome<RenewalReceipt>.Refused(RefusalReason.LoanAlreadyReturned)))];
        }

        return new RenewAllReceipt(results);
    }

    private async Task<Outcome<RenewalReceipt>> RenewInAsync(MediaBibDbContext db, Guid loanId, string? overrideReason, CancellationToken ct)
    {
        var loan = await db.Loans.FirstOrDefaultAsync(l => l.Id == loanId, ct);
        if (loan is null)
        {
            return Outcome<RenewalReceipt>.Refused(RefusalReason.LoanUnknown);
        }

        if (!loan.IsOpen || loan.PatronId is not { } patronId)
        {
            return Outcome<RenewalReceipt>.Refused(RefusalReason.LoanAlreadyReturned);
        }

        var item = await db.Items.AsNoTracking().FirstAsync(i => i.Id == loan.ItemId, ct);
        var (patron, category) = (await db.PatronAsync(patronId.ToString(), ct))!.Value;
        var now = Now;
        var policy = CirculationPolicy.Resolve(await db.RulesAsync(loan.LibraryId, null, ct), loan.LibraryId, category, item.ItemTypeId);
        var decision = RenewalRules.Evaluate(
            patron, loan, await db.OpenLoansAsync(patronId, ct), await db.ActiveHoldsOnRecordAsync(item.RecordId, ct), policy,
            await db.CalendarAsync(loan.LibraryId, ct), now,
            string.IsNullOrWhiteSpace(overrideReason) ? null : new StaffOverride(overrideReason));
        if (!decision.IsAllowed)
        {
            return Outcome<RenewalReceipt>.Refused(decision.Verdict.Refusals);
        }

        loan.Renew(now, decision.DueAt);
        var message = decision.Verdict.Overridden.Count > 0
            ? $"Prolongation forcée ({string.Join(", ", decision.Verdict.Overridden.Select(r => r.Code()))}) : {overrideReason}"
            : null;
        db.RecordAction(AuditAction.Renewal, loan, message,
            decision.Verdict.Overridden.Count > 0 ? AuditSeverity.Warning : null);
        return new RenewalReceipt(loan.Id, loan.DueAt, loan.RenewalCount, decision.Verdict.Overridden);
    }

    /// <summary>
    /// A context for one operation, its connection opened once: the operation's reads and its save then share one
    /// pooled connection instead of renting (and resetting) one per query.
    /// </summary>
    private async Task<MediaBibDbContext> OpenAsync(Actor actor, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        await db.Database.OpenConnectionAsync(ct);
        return db;
    }

    /// <summary>Saves; a lost race on an item (xmin) or on the one-open-loan index is reported as false.</summary>
    private static async Task<bool> TrySaveAsync(MediaBibDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && !IsOverdueFineRace(e))
        {
            return false;
        }
    }
}
