namespace MediaBib.Infrastructure.Outbox;

/// <summary>
/// In-process fan-out of committed events to live screens (desk circuits, hubs). A component subscribes with a
/// callback and disposes the subscription when it goes away.
/// </summary>
public sealed class LiveEvents : IEventSubscriber
{
    private readonly Lock _gate = new();
    private ImmutableHandlers _handlers = new([]);

    public IDisposable Subscribe(Func<OutboxEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = new ImmutableHandlers([.. _handlers.Items, handler]);
        }

        return new Subscription(this, handler);
    }

    public async Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers.Items)
        {
            try
            {
                await handler(outboxEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A broken screen must not stop the others from hearing the event.
            }
        }
    }

    private void Unsubscribe(Func<OutboxEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = new ImmutableHandlers([.. _handlers.Items.Where(h => h != handler)]);
        }
    }

    private sealed record ImmutableHandlers(Func<OutboxEvent, Task>[] Items);

    private sealed class Subscription(LiveEvents owner, Func<OutboxEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
