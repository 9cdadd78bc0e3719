using System.Collections.Concurrent;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaBib.Infrastructure.Tests.Outbox;

public sealed class OutboxDispatcherTests(TestDatabase database)
{
    [Fact]
    public async Task Dispatcher_CommittedEvent_IsDeliveredByNotifyWithoutWaitingForThePoll()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        // A poll of one hour: delivery within the test's wait can only come from LISTEN/NOTIFY.
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var committed = Guid.CreateVersion7();
        var rolledBack = Guid.CreateVersion7();

        await InsertEventAsync(rolledBack, "test.rolled_back", commit: false, ct);
        await InsertEventAsync(committed, "test.committed", commit: true, ct);

        var delivered = await subscriber.WaitForAsync(committed, TimeSpan.FromSeconds(30), ct);
        Assert.Equal("test.committed", delivered.Type);
        Assert.Equal(committed, delivered.GetGuid("marker"));
        Assert.DoesNotContain(subscriber.Received, e => e.Id == rolledBack);
    }

    [Fact]
    public async Task Dispatcher_EventsOfSuccessiveCommits_AreEachDeliveredOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();

        await InsertEventAsync(first, "test.once", commit: true, ct);
        await subscriber.WaitForAsync(first, TimeSpan.FromSeconds(30), ct);
        await InsertEventAsync(second, "test.once", commit: true, ct);
        await subscriber.WaitForAsync(second, TimeSpan.FromSeconds(30), ct);

        Assert.Single(subscriber.Received, e => e.Id == first);
    }

    [Fact]
    public async Task Dispatcher_EventOfAnEarlierTransactionCommittingLater_IsDeliveredAndComesFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var early = Guid.CreateVersion7();
        var late = Guid.CreateVersion7();

        // The early transaction writes its event first but commits last: a reader that had moved past the later one
        // must still deliver it, and before it.
        await using var slow = new NpgsqlConnection(database.ConnectionString);
        await slow.OpenAsync(ct);
        await using var slowTx = await slow.BeginTransactionAsync(ct);
        await InsertAsync(slow, slowTx, early, "test.early", ct);
        await InsertEventAsync(late, "test.late", commit: true, ct);
        await Task.Delay(300, ct);
        Assert.DoesNotContain(subscriber.Received, e => e.Id == late);

        await slowTx.CommitAsync(ct);
        OutboxNotifier.For(database.ConnectionString).Request();

        await subscriber.WaitForAsync(late, TimeSpan.FromSeconds(30), ct);
        var order = subscriber.InOrder.Where(e => e.Id == early || e.Id == late).Select(e => e.Id).ToList();
        Assert.Equal([early, late], order);
    }

    [Fact]
    public async Task Dispatcher_EventHeldBehindATransactionThatWritesNoEvent_IsDeliveredWhenItEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var held = Guid.CreateVersion7();

        // A writer (an xid) that began earlier and sends no NOTIFY when it ends: only the dispatcher's own second look
        // can deliver the event it held back, the poll being an hour.
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync(ct);
        await using var otherTx = await other.BeginTransactionAsync(ct);
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", other, otherTx))
        {
            await xid.ExecuteScalarAsync(ct);
        }

        await InsertEventAsync(held, "test.held", commit: true, ct);
        await Task.Delay(300, ct);
        Assert.DoesNotContain(subscriber.Received, e => e.Id == held);

        await otherTx.RollbackAsync(ct);

        var delivered = await subscriber.WaitForAsync(held, TimeSpan.FromSeconds(30), ct);
        Assert.Equal("test.held", delivered.Type);
    }

    [Fact]
    public async Task Dispatcher_BurstLargerThanOneRead_IsDeliveredWholeInOrderOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var ids = Enumerable.Range(0, 2500).Select(_ => Guid.CreateVersion7()).ToList();

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var id in ids)
            {
                await InsertAsync(connection, tx, id, "test.burst", ct);
            }

            await tx.CommitAsync(ct);
        }

        OutboxNotifier.For(database.ConnectionString).Request();

        await subscriber.WaitForAsync(ids[^1], TimeSpan.FromSeconds(60), ct);
        var wanted = ids.ToHashSet();
        Assert.Equal(ids, subscriber.InOrder.Where(e => wanted.Contains(e.Id)).Select(e => e.Id).ToList());
    }

    [Fact]
    public async Task Dispatcher_CheckoutSavedThroughTheEngine_IsDeliveredWithoutWaitingForThePoll()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscriber = new RecordingSubscriber();
        await using var dispatcher = await StartDispatcherAsync(subscriber, TimeSpan.FromHours(1), ct);
        var seed = await Circulation.CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();

        var loan = await seed.Desk.CheckOutAsync(Circulation.CirculationSeed.Librarian, seed.Centre.Id, patron.CardNumber.Value, item.Barcode.Value, ct: ct);

        Assert.True(loan.Succeeded);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!subscriber.Received.Any(e => e.Type == "loan.created" && e.Payload.GetRawText().Contains(loan.Value!.LoanId.ToString(), StringComparison.Ordinal))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.Contains(subscriber.Received, e => e.Type == "loan.created" && e.Payload.GetRawText().Contains(loan.Value!.LoanId.ToString(), StringComparison.Ordinal));
    }

    private async Task<DispatcherHandle> StartDispatcherAsync(IEventSubscriber subscriber, TimeSpan poll, CancellationToken ct)
    {
        var services = new ServiceCollection().AddSingleton(subscriber).BuildServiceProvider();
        var dispatcher = new OutboxDispatcher(
            Options.Create(new DatabaseOptions { ConnectionString = database.ConnectionString }),
            Options.Create(new OutboxOptions { PollInterval = poll }),
            services,
            TimeProvider.System,
            NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(ct);
        // Let it LISTEN before events are written (events older than its start are not its business).
        await Task.Delay(500, ct);
        return new DispatcherHandle(dispatcher, services);
    }

    private async Task InsertEventAsync(Guid id, string type, bool commit, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await InsertAsync(connection, tx, id, type, ct);
        if (commit)
        {
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        // What the SaveChanges interceptor does after a commit; after the rollback it proves a NOTIFY alone
        // publishes nothing.
        OutboxNotifier.For(database.ConnectionString).Request();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, string type, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO outbox_messages (id, occurred_at, type, payload, attempts) VALUES (@id, now(), @type, @payload::jsonb, 0)",
            connection, tx);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("type", type);
        insert.Parameters.AddWithValue("payload", $"{{\"marker\":\"{id}\"}}");
        await insert.ExecuteNonQueryAsync(ct);
    }

    private sealed class RecordingSubscriber : IEventSubscriber
    {
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource<OutboxEvent>> _waiters = new();

        public ConcurrentBag<OutboxEvent> Received { get; } = [];

        // The dispatcher calls subscribers one event at a time, so this queue holds the delivery order.
        public ConcurrentQueue<OutboxEvent> InOrder { get; } = new();

        public Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
        {
            Received.Add(outboxEvent);
            InOrder.Enqueue(outboxEvent);
            _waiters.GetOrAdd(outboxEvent.Id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outboxEvent);
            return Task.CompletedTask;
        }

        public Task<OutboxEvent> WaitForAsync(Guid id, TimeSpan timeout, CancellationToken ct) =>
            _waiters.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(timeout, ct);
    }

    private sealed class DispatcherHandle(OutboxDispatcher dispatcher, ServiceProvider services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
            await services.DisposeAsync();
        }
    }
}
