using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Jobs;

/// <summary>
/// Cuts the link between patrons and their old loans (GDPR) unless the patron chose to keep a reading history:
/// loans returned more than <see cref="DataRetentionOptions.LoanHistoryMonths"/> months ago lose their patron
/// (<see cref="Domain.Circulation.Loan.Anonymize"/>). Statistics keep the loan, its item and its dates.
/// </summary>
public sealed class LoanHistoryAnonymizer(IDbContextFactory<MediaBibDbContext> dbFactory, TimeProvider clock, IOptions<DataRetentionOptions> options)
{
    /// <summary>Anonymises the loans due; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddMonths(-options.Value.LoanHistoryMonths);
        var batch = Math.Max(1, options.Value.BatchSize);
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Actor = JobActors.Scheduler;
            var loans = await db.Loans
                .Where(l => l.ReturnedAt != null && l.ReturnedAt < cutoff && l.PatronId != null
                    && db.Patrons.Any(p => p.Id == l.PatronId && !p.KeepReadingHistory))
                .OrderBy(l => l.Id)
                .Take(batch)
                .ToListAsync(ct);
            if (loans.Count == 0)
            {
                return total;
            }

            foreach (var loan in loans)
            {
                loan.Anonymize();
            }

            db.RecordAction(AuditAction.Update, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Historique de prêt anonymisé : {loans.Count} prêt(s) rendu(s) avant le {cutoff:yyyy-MM-dd}"));
            await db.SaveChangesAsync(ct);
            total += loans.Count;
        }
    }
}
