using System.Text.Json;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Moves domain events raised by entities into the outbox table in the same transaction as the change. A trigger on
/// that table NOTIFYs the dispatchers, and PostgreSQL delivers the notification only if the transaction commits.
/// </summary>
public sealed class OutboxInterceptor(TimeProvider clock) : SaveChangesInterceptor
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
    }
}
