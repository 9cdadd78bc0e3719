using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Stamps created/updated times and writes one audit entry per changed row, plus the domain actions queued with
/// <see cref="MediaBibDbContext.RecordAction"/>, inside the same transaction as the change: no code path can save
/// without leaving a trace, and a rolled-back change leaves none.
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
        var entries = db.ChangeTracker.Entries().ToList();
        var audit = new List<AuditEntry>();
        foreach (var entry in entries)
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
                }
            }

            if (AuditWriter.ForChange(db, entry, now) is { } line)
            {
                audit.Add(line);
            }
        }

        audit.AddRange(db.PendingActions.Select(a => AuditWriter.ForAction(db, a, now)));
        db.ClearPendingActions();
        db.AuditEntries.AddRange(audit);
    }
}
