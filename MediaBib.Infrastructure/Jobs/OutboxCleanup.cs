using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>
/// Deletes outbox events older than <see cref="DataRetentionOptions.OutboxKeep"/>. Every process reads the outbox only a
/// few seconds back from its cursor, so old events are never needed again; they stay a week for diagnosis.
/// </summary>
public sealed class OutboxCleanup(IDbContextFactory<MediaBibDbContext> dbFactory, TimeProvider clock, IOptions<DataRetentionOptions> options)
{
    /// <summary>Deletes the events past their keep time; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.OutboxKeep;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.Where(m => m.OccurredAt < before).ExecuteDeleteAsync(ct);
    }
}
