using System.Text.Json;

namespace MediaBib.Infrastructure.Outbox;

/// <summary>A committed domain event as read back from the outbox (type + JSON payload).</summary>
public sealed record OutboxEvent(Guid Id, DateTime OccurredAt, string Type, JsonElement Payload)
{
    public Guid? GetGuid(string property) =>
        Payload.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id) ? id : null;

    public string? GetString(string property) =>
        Payload.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Receives every committed event in this process (broadcast: each web node and the SIP2 worker see all events).
/// Handlers must be quick and must not throw; slow work belongs in a job.
/// </summary>
public interface IEventSubscriber
{
    Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The events of one read, in order. By default one at a time; a subscriber that reads the database for its events
    /// overrides this to read once per batch (kiosks and desks together can commit thousands of events a second).
    /// </summary>
    async Task HandleBatchAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var outboxEvent in batch)
        {
            await HandleAsync(outboxEvent, cancellationToken);
        }
    }
}
