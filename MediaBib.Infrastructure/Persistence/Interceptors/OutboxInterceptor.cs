using System.Text.Json;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Moves domain events raised by entities into the outbox table in the same transaction as the change, then, once
/// that transaction has committed, asks the <see cref="OutboxNotifier"/> to wake the dispatchers.
/// </summary>
public sealed class OutboxInterceptor(TimeProvider clock, OutboxNotifier? notifier) : AfterCommitInterceptor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void OnCommitted(DbContext context) => notifier?.Request();

    /// <summary>Adds the entities' pending events to the outbox; true when there were some.</summary>
    protected override bool Collect(DbContext context)
    {
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

        return sources.Count > 0;
    }
}
