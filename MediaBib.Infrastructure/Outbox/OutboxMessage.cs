namespace MediaBib.Infrastructure.Outbox;

/// <summary>A domain event stored in the same transaction as the change that raised it, delivered after commit.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    public DateTime OccurredAt { get; init; }

    public string Type { get; init; } = "";

    public string Payload { get; init; } = "{}";

    public DateTime? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
