using MediaBib.Infrastructure.Outbox;
using Npgsql;

namespace MediaBib.Infrastructure.Search.Caching;

/// <summary>
/// Drops a record's cached copies and availability when a circulation event about it is delivered to this process
/// (checkouts, checkins, renewals, holds and transits made by any web node or by the SIP2 worker). Hold events name
/// the record; loan and transit events name the item, whose record is read once.
/// </summary>
public sealed class CirculationEventInvalidator(FragmentCache cache, string connectionString) : IEventSubscriber
{
    /// <summary>One event: the batch path with a batch of one (the dispatcher always delivers batches).</summary>
    public Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) =>
        HandleBatchAsync([outboxEvent], cancellationToken);

    /// <summary>A read's events at once: the items' records in one query, whatever the number of events.</summary>
    public async Task HandleBatchAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        var records = new HashSet<Guid>();
        var items = new HashSet<Guid>();
        foreach (var outboxEvent in batch)
        {
            if (!IsCirculation(outboxEvent.Type))
            {
                continue;
            }

            if (outboxEvent.GetGuid("recordId") is { } recordId)
            {
                records.Add(recordId);
            }
            else if (outboxEvent.GetGuid("itemId") is { } itemId)
            {
                items.Add(itemId);
            }
        }

        if (items.Count > 0)
        {
            records.UnionWith(await RecordsOfAsync([.. items], cancellationToken));
        }

        if (records.Count > 0)
        {
            cache.Invalidate([.. records]);
        }
    }

    public static bool IsCirculation(string type) =>
        type.StartsWith("loan.", StringComparison.Ordinal) || type.StartsWith("hold.", StringComparison.Ordinal)
        || type.StartsWith("transit.", StringComparison.Ordinal) || type.StartsWith("item.", StringComparison.Ordinal);

    private async Task<List<Guid>> RecordsOfAsync(Guid[] itemIds, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT DISTINCT record_id FROM items WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", itemIds);
        var records = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            records.Add(reader.GetGuid(0));
        }

        return records;
    }
}
