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
    public async Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (!IsCirculation(outboxEvent.Type))
        {
            return;
        }

        if (outboxEvent.GetGuid("recordId") is { } recordId)
        {
            cache.Invalidate([recordId]);
        }
        else if (outboxEvent.GetGuid("itemId") is { } itemId && await RecordOfAsync(itemId, cancellationToken) is { } record)
        {
            cache.Invalidate([record]);
        }
    }

    public static bool IsCirculation(string type) =>
        type.StartsWith("loan.", StringComparison.Ordinal) || type.StartsWith("hold.", StringComparison.Ordinal)
        || type.StartsWith("transit.", StringComparison.Ordinal) || type.StartsWith("item.", StringComparison.Ordinal);

    private async Task<Guid?> RecordOfAsync(Guid itemId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT record_id FROM items WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", itemId);
        return await command.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }
}
