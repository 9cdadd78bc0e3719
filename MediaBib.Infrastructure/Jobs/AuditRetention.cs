using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>What one audit retention run did.</summary>
public sealed record AuditRetentionResult(int Anonymized, int Purged);

/// <summary>
/// Applies the audit log's retention table: each entry carries its <c>retain_until</c>, computed from its severity
/// when it was written (6 months to 5 years). Entries past that date are first anonymised (who, IP address, browser)
/// and committed, then deleted in batches, so a run cut short leaves no personal data in entries already due.
/// Entries not yet due are never touched.
/// </summary>
public sealed class AuditRetention(IDbContextFactory<MediaBibDbContext> dbFactory, TimeProvider clock, IOptions<DataRetentionOptions> options)
{
    /// <summary>What replaces the actor's name of an anonymised entry.</summary>
    public const string AnonymizedActor = "anonymisé";

    public async Task<AuditRetentionResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = Math.Max(1, options.Value.BatchSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = JobActors.Scheduler;

        var anonymized = await db.AuditEntries
            .Where(a => a.RetainUntil < now && a.AnonymizedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Actor, AnonymizedActor)
                .SetProperty(a => a.UserId, (Guid?)null)
                .SetProperty(a => a.Ip, (string?)null)
                .SetProperty(a => a.UserAgent, (string?)null)
                .SetProperty(a => a.AnonymizedAt, now), ct);

        var purged = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM audit_log WHERE id IN (
                    SELECT id FROM audit_log WHERE retain_until < {now} AND anonymized_at IS NOT NULL LIMIT {batch})
                """, ct);
            purged += deleted;
        }
        while (deleted == batch);

        if (anonymized + purged > 0)
        {
            db.RecordAction(AuditAction.Delete, null,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Rétention du journal d'audit : {anonymized} entrée(s) anonymisée(s), {purged} supprimée(s)"));
            await db.SaveChangesAsync(ct);
        }

        return new AuditRetentionResult(anonymized, purged);
    }
}
