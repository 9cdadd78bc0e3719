using MediaBib.Infrastructure.Outbox;
using Microsoft.Extensions.Logging;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>
/// Sends the hold-ready notice as soon as a hold is put on the pickup shelf (outbox event <c>hold.waiting</c>), rather
/// than at the next scheduled run. Failures are logged, never thrown: the scheduled job catches up.
/// </summary>
public sealed class HoldWaitingNoticeTrigger(HoldReadyNotices notices, ILogger<HoldWaitingNoticeTrigger> logger) : IEventSubscriber
{
    public async Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (outboxEvent.Type != Domain.Holds.HoldWaiting.EventType || outboxEvent.GetGuid("holdId") is not { } holdId)
        {
            return;
        }

        try
        {
            await notices.NotifyAsync(holdId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Hold-ready notice for hold {HoldId} failed; the scheduled job will retry", holdId);
        }
    }
}
