using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

public sealed partial class CirculationDesk
{
    /// <summary>Declares an item lost; a loaned item's loan ends and its replacement price is charged per the rule.</summary>
    public async Task<Outcome<LossReceipt>> MarkLostAsync(Actor actor, string itemBarcode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (!Barcode.TryFrom(itemBarcode, out var barcode)
            || await db.Items.FirstOrDefaultAsync(i => i.Barcode == barcode, ct) is not { } item)
        {
            return Outcome<LossReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        if (!ItemTransitions.IsAllowed(item.Status, ItemStatus.Lost))
        {
            return Outcome<LossReceipt>.Refused(RefusalReason.ItemNotAvailable);
        }

        var loan = await db.Loans.FirstOrDefaultAsync(l => l.ItemId == item.Id && l.ReturnedAt == null, ct);
        CirculationPolicy? policy = null;
        Fine? accruing = null;
        if (loan?.PatronId is { } patronId && await db.PatronAsync(patronId.ToString(), ct) is var (_, category))
        {
            policy = CirculationPolicy.Resolve(await db.RulesAsync(loan.LibraryId, null, ct), loan.LibraryId, category, item.ItemTypeId);
            accruing = await db.Fines.FirstOrDefaultAsync(f => f.LoanId == loan.Id && f.Status == FineStatus.Accruing, ct);
        }

        var charge = LossRules.DeclareLost(item, loan, policy, accruing, Now);
        db.RecordAction(AuditAction.ItemLost, item, loan is null ? null : $"Prêt {loan.Id} clos comme perdu");
        AddAndAudit(db, charge, null, null);
        if (!await SaveWithBalanceAsync(db, charge?.PatronId ?? accruing?.PatronId, ct))
        {
            return Outcome<LossReceipt>.Refused(RefusalReason.ItemNotAvailable);
        }

        return new LossReceipt(item.Id, loan?.Id, charge?.Id, charge?.Amount ?? 0m);
    }

    /// <summary>A lost (or missing, claimed returned) item is back: refund per policy, then route it (it may trap a hold).</summary>
    public async Task<Outcome<FoundReceipt>> MarkFoundAsync(Actor actor, Guid libraryId, string itemBarcode, CancellationToken ct = default)
    {
        if (!Barcode.TryFrom(itemBarcode, out var barcode))
        {
            return Outcome<FoundReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        await using var db = await OpenAsync(actor, ct);
        var now = Now;
        if (await LoadCheckinAsync(db, barcode, libraryId, now, ct) is not var (context, _))
        {
            return Outcome<FoundReceipt>.Refused(RefusalReason.ItemUnknown);
        }

        var item = context.Item;
        if (item.Status is not (ItemStatus.Lost or ItemStatus.Missing or ItemStatus.ClaimedReturned))
        {
            return Outcome<FoundReceipt>.Refused(RefusalReason.ItemNotLost);
        }

        var charges = await db.Fines.Where(f => f.ItemId == item.Id && f.Kind == FineKind.LostItem).ToListAsync(ct);
        var refunded = LossRules.RefundOnFound(charges, context.ItemPolicy, now);
        var result = CheckinRules.Process(context, now);
        db.RecordAction(AuditAction.ItemFound, item, refunded.Count > 0 ? $"{refunded.Count} frais de perte remboursé(s)" : null);
        AddAndAudit(db, result.NewFine, result.NewTransit, null);
        AuditHold(db, result.Outcome.Destination, context.Queue.FirstOrDefault(h => h.Id == result.Outcome.HoldId));
        var patron = refunded.FirstOrDefault()?.PatronId ?? result.NewFine?.PatronId;
        if (!await SaveWithBalanceAsync(db, patron, ct))
        {
            return Outcome<FoundReceipt>.Refused(RefusalReason.ItemNotAvailable);
        }

        var o = result.Outcome;
        return new FoundReceipt(item.Id, o.Destination, o.DestinationLibraryId, o.HoldId, [.. refunded.Select(f => f.Id)]);
    }
}
