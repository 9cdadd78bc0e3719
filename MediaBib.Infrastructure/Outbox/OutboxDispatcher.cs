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
    /// How far back each read looks past the last delivered event. A transaction stamps its events before it commits,
    /// so one that commits late can land behind the cursor; re-reading a short window (deduplicated) catches it.
    /// </summary>
    public TimeSpan LateCommitWindow { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Delivers committed outbox events to this process's <see cref="IEventSubscriber"/>s. Woken by PostgreSQL
/// <c>LISTEN mediabib_outbox</c> (sent by <see cref="OutboxNotifier"/> after each commit that wrote events), with a slow poll as a
/// safety net. Every process (each web node, the SIP2 worker) runs one and sees every event from its start on. It also
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

    private readonly Dictionary<Guid, DateTime> _delivered = [];
    private DateTime _cursor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _cursor = clock.GetUtcNow().UtcDateTime;
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

                await DeliverAsync(subscribers, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // WaitAsync both receives notifications and keeps the connection honest.
                    await listener.WaitAsync(options.Value.PollInterval, stoppingToken);
                    while (woken.CurrentCount > 0)
                    {
                        await woken.WaitAsync(stoppingToken);
                    }

                    await DeliverAsync(subscribers, stoppingToken);
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

    private async Task DeliverAsync(List<IEventSubscriber> subscribers, CancellationToken cancellationToken)
    {
        var since = _cursor - options.Value.LateCommitWindow;
        var batch = new List<OutboxEvent>();
        await using (var connection = new NpgsqlConnection(database.Value.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand(
                "SELECT id, occurred_at, type, payload::text FROM outbox_messages WHERE occurred_at > @since ORDER BY occurred_at, id LIMIT 1000",
                connection);
            query.Parameters.AddWithValue("since", since);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (_delivered.ContainsKey(id))
                {
                    continue;
                }

                using var payload = JsonDocument.Parse(reader.GetString(3));
                batch.Add(new OutboxEvent(id, DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetString(2), payload.RootElement.Clone()));
            }
        }

        foreach (var outboxEvent in batch)
        {
            _delivered[outboxEvent.Id] = outboxEvent.OccurredAt;
            if (outboxEvent.OccurredAt > _cursor)
            {
                _cursor = outboxEvent.OccurredAt;
            }

            foreach (var subscriber in subscribers)
            {
                try
                {
                    await subscriber.HandleAsync(outboxEvent, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Subscriber {Subscriber} failed on event {Type} {Id}", subscriber.GetType().Name, outboxEvent.Type, outboxEvent.Id);
                }
            }
        }

        // Forget what can no longer come back through the window.
        var horizon = _cursor - options.Value.LateCommitWindow - TimeSpan.FromSeconds(1);
        foreach (var old in _delivered.Where(d => d.Value < horizon).Select(d => d.Key).ToList())
        {
            _delivered.Remove(old);
        }
    }
}
