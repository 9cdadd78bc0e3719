using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Fines;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Circulation;

public sealed partial class CirculationDesk
{
    /// <summary>
    /// Checks an item in at a library: closes its loan (fine, suspension), completes a transit arriving here, and
    /// routes the item to the hold shelf, a transit or the shelf, all in one transaction. The outcome tells the desk
    /// what to do with the item in hand.
    /// </summary>
    public Task<Outcome<CheckinOutcome>> CheckInAsync(Actor actor, Guid libraryId, string itemBarcode, CancellationToken ct = default) =>
        CheckInAsync(actor, libraryId, itemBarcode, captureHolds: true, ct);

    /// <summary>A checkin as above; with <paramref name="captureHolds"/> false (a return sorter out of opening hours)
    /// an item a hold wants is not trapped but reported <see cref="ItemDestination.CheckInAgain"/>.</summary>
    public async Task<Outcome<CheckinOutcome>> CheckInAsync(
        Actor actor, Guid libraryId, string itemBarcode, bool captureHolds, CancellationToken ct = default)
    {
        if (!Barcode.TryFrom(itemBarcode, out var barcode))
        {
            return Outcome<CheckinOutcome>.Refused(RefusalReason.ItemUnknown);
        }

        try
        {
            return await CheckInOnceAsync(actor, libraryId, barcode, captureHolds, ct);
        }
        catch (DbUpdateException e) when (IsOverdueFineRace(e))
        {
            // The nightly accrual gave this loan its accruing fine between our read and our save: read again, and the
            // checkin closes that fine instead of adding a second one.
            return await CheckInOnceAsync(actor, libraryId, barcode, captureHolds, ct);
        }
    }

    /// <summary>A second overdue fine for one loan, refused by <c>ux_fines_overdue_loan</c>: a lost race with the accrual.</summary>
    internal static bool IsOverdueFineRace(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OverdueFinePerLoanIndex };

    /// <summary>The unique index that keeps one overdue fine per loan.</summary>
    public const string OverdueFinePerLoanIndex = "ux_fines_overdue_loan";

    private async Task<Outcome<CheckinOutcome>> CheckInOnceAsync(Actor actor, Guid libraryId, Barcode barcode, bool captureHolds, CancellationToken ct)
    {
        await using var db = await OpenAsync(actor, ct);
        if (await LoadCheckinAsync(db, barcode, libraryId, Now, ct) is not var (loaded, facts))
        {
            return Outcome<CheckinOutcome>.Refused(RefusalReason.ItemUnknown);
        }

        var context = loaded with { CaptureHolds = captureHolds };
        var item = context.Item;
        var result = CheckinRules.Process(context, Now);
        AddAndAudit(db, result.NewFine, result.NewTransit, context.OpenTransit?.ReceivedAt is not null ? context.OpenTransit : null);
        if (context.Loan is { } loan)
        {
            db.RecordAction(AuditAction.Checkin, loan, Describe(result.Outcome));
        }
        else
        {
            db.RecordAction(AuditAction.Checkin, item, Describe(result.Outcome));
        }

        AuditHold(db, result.Outcome.Destination, context.Queue.FirstOrDefault(h => h.Id == result.Outcome.HoldId));
        if (!await SaveWithBalanceAsync(db, result.NewFine?.PatronId ?? (context.AccruingFine is null ? null : context.Borrower?.Id), ct))
        {
            return Outcome<CheckinOutcome>.Refused(RefusalReason.ItemNotAvailable);
        }

        return result.Outcome with { Facts = facts };
    }

    /// <summary>Receives an item in transit at its destination (a checkin without a loan, answered as a transit receipt).</summary>
    public async Task<Outcome<TransitReceipt>> ReceiveTransitAsync(Actor actor, Guid libraryId, string itemBarcode, CancellationToken ct = default)
    {
        if (!Barcode.TryFrom(itemBarcode, out var barcode))
        {
            return Outcome<TransitReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        await using var db = await OpenAsync(actor, ct);
        if (await LoadCheckinAsync(db, barcode, libraryId, Now, ct) is not var (context, _))
        {
            return Outcome<TransitReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        var item = context.Item;
        if (context.OpenTransit is not { } transit || transit.ToLibraryId != libraryId || context.Loan is not null)
        {
            return Outcome<TransitReceipt>.Refused(RefusalReason.TransitNone);
        }

        var result = CheckinRules.Process(context, Now);
        AddAndAudit(db, null, result.NewTransit, transit);
        AuditHold(db, result.Outcome.Destination, context.Queue.FirstOrDefault(h => h.Id == result.Outcome.HoldId));
        if (!await TrySaveAsync(db, ct))
        {
            return Outcome<TransitReceipt>.Refused(RefusalReason.TransitNone);
        }

        var o = result.Outcome;
        return new TransitReceipt(item.Id, transit.Id, o.Destination, o.DestinationLibraryId, o.HoldId);
    }

    private static async Task<(CheckinContext Context, CheckinItemFacts Facts)?> LoadCheckinAsync(
        MediaBibDbContext db, Barcode barcode, Guid libraryId, DateTime now, CancellationToken ct)
    {
        if (await db.ItemForCheckinAsync(barcode, ct) is not { } row)
        {
            return null;
        }

        var facts = new CheckinItemFacts(row.Title, row.Item.CallNumber, row.Item.HomeLibraryId, row.ItemTypeCode, row.SectionCode,
            row.Borrower?.CardNumber.Value);

        var item = row.Item;
        var loan = row.Loan;
        var rules = await db.RulesAsync(libraryId, loan?.LibraryId, ct);
        var context = new CheckinContext
        {
            Item = item,
            Here = libraryId,
            HereCalendar = await db.CalendarAsync(libraryId, ct),
            ItemPolicy = CirculationPolicy.Resolve(rules, libraryId, null, item.ItemTypeId),
            Queue = row.Queue,
            OpenTransit = row.Transit,
            Loan = loan,
        };
        if (loan is null || row is not { Borrower: { } borrower, Category: { } category })
        {
            return (context, facts);
        }

        return (context with
        {
            Borrower = borrower,
            LoanPolicy = CirculationPolicy.Resolve(rules, loan.LibraryId, category, item.ItemTypeId),
            LoanCalendar = loan.LibraryId == libraryId ? context.HereCalendar : await db.CalendarAsync(loan.LibraryId, ct),
            // Only an overdue loan can have a fine accruing: an on-time return skips the read.
            AccruingFine = loan.DueAt < now ? await db.AccruingFineAsync(loan.Id, ct) : null,
        }, facts);
    }

    private static void AddAndAudit(MediaBibDbContext db, Fine? newFine, Transit? newTransit, Transit? received)
    {
        if (newFine is not null)
        {
            db.Fines.Add(newFine);
            db.RecordAction(AuditAction.FineCreated, newFine, newFine.Amount.ToString("C", Money.French));
        }

        if (received is not null)
        {
            db.RecordAction(AuditAction.TransitReceived, received);
        }

        if (newTransit is not null)
        {
            db.Transits.Add(newTransit);
            db.RecordAction(AuditAction.TransitStarted, newTransit, newTransit.Reason.ToString());
        }
    }

    private static void AuditHold(MediaBibDbContext db, ItemDestination destination, Domain.Holds.Hold? hold)
    {
        if (hold is not null && destination == ItemDestination.HoldShelf && hold.WaitingSince is not null)
        {
            db.RecordAction(AuditAction.HoldWaiting, hold, hold.PickupDeadline?.ToString("dd/MM/yyyy", Money.French));
        }
    }

    /// <summary>Saves and, when fines changed, brings the patron's balance in step, in one transaction.</summary>
    private static async Task<bool> SaveWithBalanceAsync(MediaBibDbContext db, Guid? patronId, CancellationToken ct)
    {
        if (patronId is not { } id)
        {
            return await TrySaveAsync(db, ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await TrySaveAsync(db, ct))
        {
            return false;
        }

        await db.RecomputeBalanceAsync(id, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static string Describe(CheckinOutcome o) =>
        $"{o.Barcode} → {o.Destination}" + (o.FineAmount > 0 ? $", amende {o.FineAmount.ToString("C", Money.French)}" : "");
}
