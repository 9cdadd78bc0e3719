using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Stamps created/updated times and writes one audit entry per changed row, plus the domain actions queued with
/// <see cref="MediaBibDbContext.RecordAction"/>, inside the same transaction as the change: no code path can save
/// without leaving a trace, and a rolled-back change leaves none. A circulation action carries its subject's change
/// (<see cref="AuditActions.CarriesSubjectChange"/>) instead of a second row for it, and a loan's action also carries
/// the status change of its item (fields prefixed <c>Item.</c>): a checkout or a checkin is one audit row.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Write(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Write(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Write(DbContext? context)
    {
        if (context is not MediaBibDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var audit = new List<AuditEntry>();
        var changeOf = new Dictionary<object, AuditEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is Entity entity)
            {
                if (entry.State == EntityState.Added)
                {
                    entity.StampCreated(now);
                }
                else if (entry.State == EntityState.Modified)
                {
                    entity.StampUpdated(now);
                    entry.Property(nameof(Entity.UpdatedAt)).IsModified = true;
                }
            }

            if (AuditWriter.ForChange(db, entry, now) is { } line)
            {
                audit.Add(line);
                changeOf[entry.Entity] = line;
            }
        }

        foreach (var action in db.PendingActions)
        {
            AuditEntry? change = null;
            if (action.Subject is not null && action.Details is null && action.Action.CarriesSubjectChange()
                && changeOf.Remove(action.Subject, out change))
            {
                audit.Remove(change!);
            }

            var row = AuditWriter.ForAction(db, action, now, change);
            if (change is not null && action.Subject is Domain.Circulation.Loan loan && ItemChange(changeOf, loan.ItemId) is var (item, itemLine))
            {
                changeOf.Remove(item);
                audit.Remove(itemLine);
                AuditWriter.Fold(row, itemLine, nameof(Domain.Items.Item));
            }

            audit.Add(row);
        }

        db.ClearPendingActions();
        db.AuditEntries.AddRange(audit);
    }

    // The status change of the item a loan action is about (lent, returned), if this save made one.
    private static (object Item, AuditEntry Line)? ItemChange(Dictionary<object, AuditEntry> changeOf, Guid itemId)
    {
        foreach (var (entity, line) in changeOf)
        {
            if (entity is Domain.Items.Item item && item.Id == itemId && line.Action == "update")
            {
                return (entity, line);
            }
        }

        return null;
    }
}
