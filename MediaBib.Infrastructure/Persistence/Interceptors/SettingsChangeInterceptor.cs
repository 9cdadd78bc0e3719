using System.Data.Common;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Drops the cached <see cref="CirculationSettings"/> when a save that touched a rule, a library, its hours or its
/// closed days has committed, here and (through <c>NOTIFY mediabib_settings</c>) in every other process.
/// </summary>
public sealed class SettingsChangeInterceptor(string connectionString) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Detect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Detect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Invalidate(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Invalidate(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Detect(DbContext? context)
    {
        if (context is MediaBibDbContext db && db.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is CirculationRule or Library or OpeningHours or ClosedDay))
        {
            db.SettingsChanged = true;
        }
    }

    private void InvalidateIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Invalidate(context);
        }
    }

    private void Invalidate(DbContext? context)
    {
        if (context is MediaBibDbContext { SettingsChanged: true } db)
        {
            db.SettingsChanged = false;
            CirculationSettings.For(connectionString).Invalidate();
            OutboxNotifier.For(connectionString, CirculationSettings.Channel).Request();
        }
    }
}
