using System.Globalization;
using System.Text.Json;
using MediaBib.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaBib.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    /// <summary>Safety-net poll when no notification arrives (a lost connection, a missed NOTIFY).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How soon to look again when committed events are held back behind a transaction still running (one that began
    /// earlier may yet commit events that must come first); that transaction may write no event and so send no NOTIFY.
    /// </summary>
    public TimeSpan HeldBackRetry { get; set; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>
/// Delivers committed outbox events to this process's <see cref="IEventSubscriber"/>s. Woken by PostgreSQL
/// <c>LISTEN mediabib_outbox</c> (sent by <see cref="OutboxNotifier"/> after each commit that wrote events), with a slow poll as a
/// safety net. Every process (each web node, the SIP2 worker) runs one; each web node sees every event from its start on,
/// while the SIP2 worker, which registers no subscriber, reads none (see ADR-006). It also
/// listens to <c>mediabib_settings</c> and drops this process's cached circulation rules and calendars when told.
/// </summary>
public sealed class OutboxDispatcher(
    IOptions<DatabaseOptions> database,
    IOptions<OutboxOptions> options,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const string Channel = "mediabib_outbox";

    private const int BatchSize = 1000;

    // Everything up to (_cursorTx, _cursorPosition) has been delivered.
    private ulong _cursorTx;
    private long _cursorPosition;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribers = services.GetServices<IEventSubscriber>().ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Unpooled: a LISTENing session must never be handed to someone else.
                await using var listener = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false }.ConnectionString);
                await listener.OpenAsync(stoppingToken);
                var woken = new SemaphoreSlim(0);
                var settings = Circulation.CirculationSettings.For(database.Value.ConnectionString);
                listener.Notification += (_, e) =>
                {
                    if (e.Channel == Circulation.CirculationSettings.Channel)
                    {
                        settings.Invalidate();
                    }
                    else
                    {
                        woken.Release();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {Circulation.CirculationSettings.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything that changed while no one was listening.
                settings.Invalidate();
                var delivering = subscribers.Count > 0;
                if (delivering && _cursorTx == 0)
                {
                    await StartCursorAsync(stoppingToken);
                }

                var heldBack = delivering && await DeliverAsync(subscribers, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // WaitAsync both receives notifications and keeps the connection honest.
                    await listener.WaitAsync(heldBack ? options.Value.HeldBackRetry : options.Value.PollInterval, stoppingToken);
                    while (woken.CurrentCount > 0)
                    {
                        await woken.WaitAsync(stoppingToken);
                    }

                    // A process without subscribers (the SIP2 worker) reads no event: it only listens for settings.
                    heldBack = delivering && await DeliverAsync(subscribers, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(ex, "Outbox listener lost its connection; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // Events of transactions still running when this process starts are its business; older ones are not.
    private async Task StartCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", connection);
        _cursorTx = ulong.Parse((string)(await query.ExecuteScalarAsync(cancellationToken))!, CultureInfo.InvariantCulture);
        _cursorPosition = 0;
    }

    /// <summary>
    /// Delivers, in commit-safe order, the events past the cursor whose transaction is older than every transaction
    /// still running; returns whether committed events are held back behind such a transaction (or a full batch was
    /// read), so the caller looks again soon.
    /// </summary>
    private async Task<bool> DeliverAsync(List<IEventSubscriber> subscribers, CancellationToken cancellationToken)
    {
        var batch = new List<(ulong Tx, long Position, OutboxEvent Event)>();
        var heldBack = false;
        await using (var connection = new NpgsqlConnection(database.Value.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // Two statements, two snapshots: the second can only see the horizon further on, which costs at most one
            // early look.
            await using var query = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(
                        $"""
                        SELECT tx_id::text, position, id, occurred_at, type, payload::text
                        FROM outbox_messages
                        WHERE (tx_id, position) > ($1::xid8, $2) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY tx_id, position
                        LIMIT {BatchSize}
                        """),
                    new NpgsqlBatchCommand(
                        """
                        SELECT EXISTS (SELECT FROM outbox_messages
                                       WHERE (tx_id, position) > ($1::xid8, $2)
                                         AND tx_id >= pg_snapshot_xmin(pg_current_snapshot()))
                        """),
                },
            };
            foreach (var command in query.BatchCommands)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = _cursorTx.ToString(CultureInfo.InvariantCulture) });
                command.Parameters.Add(new NpgsqlParameter { Value = _cursorPosition });
            }

            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                using var payload = JsonDocument.Parse(reader.GetString(5));
                var outboxEvent = new OutboxEvent(reader.GetGuid(2), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc), reader.GetString(4), payload.RootElement.Clone());
                batch.Add((ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1), outboxEvent));
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            heldBack = reader.GetBoolean(0) || batch.Count == BatchSize;
        }

        if (batch.Count == 0)
        {
            return heldBack;
        }

        var events = batch.ConvertAll(b => b.Event);
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.HandleBatchAsync(events, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Subscriber {Subscriber} failed on a batch of {Count} events from {Type} {Id}",
                    subscriber.GetType().Name, events.Count, events[0].Type, events[0].Id);
            }
        }

        (_cursorTx, _cursorPosition) = (batch[^1].Tx, batch[^1].Position);
        return heldBack;
    }
}
