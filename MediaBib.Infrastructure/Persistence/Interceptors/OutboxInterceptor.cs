using System.Text.Json;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Moves domain events raised by entities into the outbox table in the same transaction as the change, then, once
/// that transaction has committed, asks the <see cref="OutboxNotifier"/> to wake the dispatchers.
/// </summary>
public sealed class OutboxInterceptor(TimeProvider clock, OutboxNotifier? notifier) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Inside an explicit transaction the events are not visible before its commit: wait for it.</summary>
    private void WakeIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Wake(context);
        }
    }

    private void Wake(DbContext? context)
    {
        if (context is MediaBibDbContext { OutboxWritten: true } db)
        {
            db.OutboxWritten = false;
            notifier?.Request();
        }
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sources = context.ChangeTracker.Entries<Entity>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        foreach (var entity in sources)
        {
            foreach (var domainEvent in entity.DomainEvents)
            {
                context.Set<OutboxMessage>().Add(new OutboxMessage
                {
                    Id = domainEvent.EventId,
                    OccurredAt = now,
                    Type = domainEvent.Type,
                    Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json),
                });
            }

            entity.ClearDomainEvents();
        }

        if (sources.Count > 0 && context is MediaBibDbContext db)
        {
            db.OutboxWritten = true;
        }
    }
}
