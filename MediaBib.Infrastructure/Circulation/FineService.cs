using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Fines;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>
/// Manual charges, payments (partial or full, also against a fine still accruing) and waivers. Each change is audited
/// and the patron's balance is recomputed from the open fines in the same transaction.
/// </summary>
public sealed class FineService(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<FineReceipt>> ChargeAsync(Actor actor, Guid patronId, decimal amount, string description, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (amount <= 0)
        {
            return Outcome<FineReceipt>.Refused(RefusalReason.FineAmountInvalid);
        }

        if (!await db.Patrons.AnyAsync(p => p.Id == patronId, ct))
        {
            return Outcome<FineReceipt>.Refused(RefusalReason.PatronUnknown);
        }

        var fine = new Fine(patronId, FineKind.Manual, amount, description);
        db.Fines.Add(fine);
        db.RecordAction(AuditAction.FineCreated, fine, $"{amount.ToString("C", Money.French)} : {fine.Description}");
        await SaveAsync(db, patronId, ct);
        return Receipt(fine);
    }

    /// <summary>Pays a fine; a null amount pays what remains.</summary>
    public Task<Outcome<FineReceipt>> PayAsync(Actor actor, Guid fineId, decimal? amount, PaymentMethod method, CancellationToken ct = default) =>
        SettleAsync(actor, fineId, amount, method, AuditAction.FinePaid, ct);

    /// <summary>
    /// Waives (forgives) a fine in part or in full (a null amount waives what remains); needs the waiver permission at
    /// the door. The reason is required: it is the audit entry's justification (a warning, kept 3 years). The balance
    /// moves and <c>fine.paid</c> (method <c>Waiver</c>) is raised as for a payment.
    /// </summary>
    public Task<Outcome<FineReceipt>> WaiveAsync(Actor actor, Guid fineId, decimal? amount, string reason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new ValidationException("reason", ValidationError.Required)
            : SettleAsync(actor, fineId, amount, PaymentMethod.Waiver, AuditAction.FineWaived, ct, reason.Trim());

    /// <summary>Pays the patron's open fines oldest first with one amount (a null amount pays everything).</summary>
    public async Task<IReadOnlyList<FineReceipt>> PayAllAsync(Actor actor, Guid patronId, decimal? amount, PaymentMethod method, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var fines = await db.Fines.Where(f => f.PatronId == patronId && (f.Status == FineStatus.Open || f.Status == FineStatus.Accruing))
            .OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var left = amount ?? fines.Sum(f => f.Outstanding);
        var touched = new List<Fine>();
        foreach (var fine in fines.Where(f => f.Outstanding > 0))
        {
            var part = Math.Min(left, fine.Outstanding);
            if (part <= 0)
            {
                break;
            }

            db.FinePayments.Add(fine.Pay(part, method, Now, actor.UserId));
            db.RecordAction(AuditAction.FinePaid, fine, part.ToString("C", Money.French));
            touched.Add(fine);
            left -= part;
        }

        await SaveAsync(db, patronId, ct);
        return [.. touched.Select(Receipt)];
    }

    private async Task<Outcome<FineReceipt>> SettleAsync(
        Actor actor, Guid fineId, decimal? amount, PaymentMethod method, AuditAction action, CancellationToken ct, string? reason = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (await db.Fines.FirstOrDefaultAsync(f => f.Id == fineId, ct) is not { } fine)
        {
            return Outcome<FineReceipt>.Refused(RefusalReason.FineUnknown);
        }

        if (!fine.IsOpen)
        {
            return Outcome<FineReceipt>.Refused(RefusalReason.FineNotOpen);
        }

        var value = amount ?? fine.Outstanding;
        if (value <= 0 || (fine.Status == FineStatus.Open && value > fine.Outstanding))
        {
            return Outcome<FineReceipt>.Refused(RefusalReason.FineAmountInvalid);
        }

        db.FinePayments.Add(fine.Pay(value, method, Now, actor.UserId));
        db.RecordAction(action, fine, $"{value.ToString("C", Money.French)}{(reason is null ? "" : " : " + reason)}");
        await SaveAsync(db, fine.PatronId, ct);
        return Receipt(fine);
    }

    private static async Task SaveAsync(MediaBibDbContext db, Guid? patronId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (patronId is { } id)
        {
            await db.RecomputeBalanceAsync(id, ct);
        }

        await tx.CommitAsync(ct);
    }

    private static FineReceipt Receipt(Fine fine) => new(fine.Id, fine.PatronId, fine.Amount, fine.Outstanding, fine.Status.ToString());
}
