using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace MediaBib.Web.Jobs;

/// <summary>One line of the jobs page. Times are UTC; the page shows them in Europe/Paris.</summary>
public sealed record JobRow(string Name, string Cron, string DefaultCron, DateTimeOffset? NextFireUtc, DateTimeOffset? PreviousFireUtc, JobOutcome? LastOutcome);

/// <summary>Why a schedule change was refused.</summary>
public enum JobChangeError
{
    UnknownJob,
    InvalidCron,
}

/// <summary>What the jobs page does: list the schedules, run a job now, change a job's cron expression (audited).</summary>
public sealed class JobsAdmin(ISchedulerFactory schedulers, JobOutcomes outcomes, IDbContextFactory<MediaBibDbContext> dbFactory)
{
    public async Task<IReadOnlyList<JobRow>> ListAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var rows = new List<JobRow>();
        foreach (var job in JobsRegistration.All)
        {
            var trigger = await scheduler.GetTrigger(job.TriggerKey, ct) as ICronTrigger;
            rows.Add(new JobRow(job.Name, trigger?.CronExpressionString ?? "", job.DefaultCron,
                trigger?.NextFireTimeUtc, trigger?.PreviousFireTimeUtc, outcomes.Last(job.Name)));
        }

        return rows;
    }

    /// <summary>Starts the job now (on whichever node acquires it first, in clustered mode).</summary>
    public async Task<bool> RunNowAsync(Actor actor, string name, CancellationToken ct = default)
    {
        if (JobsRegistration.Find(name) is not { } job)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(job.Key, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor;
        db.RecordAction(AuditAction.Configuration, null, $"Tâche « {name} » lancée à la demande");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Replaces the job's schedule with <paramref name="cron"/> (Quartz syntax, Europe/Paris).</summary>
    public async Task<JobChangeError?> RescheduleAsync(Actor actor, string name, string cron, CancellationToken ct = default)
    {
        if (JobsRegistration.Find(name) is not { } job)
        {
            return JobChangeError.UnknownJob;
        }

        cron = cron.Trim();
        if (!CronExpression.TryParse(cron, out _))
        {
            return JobChangeError.InvalidCron;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var previous = (await scheduler.GetTrigger(job.TriggerKey, ct) as ICronTrigger)?.CronExpressionString;
        var trigger = TriggerBuilder.Create().ForJob(job.Key).WithIdentity(job.TriggerKey)
            .WithCronSchedule(cron, c => c.InTimeZone(JobsRegistration.Paris).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        if (await scheduler.RescheduleJob(job.TriggerKey, trigger, ct) is null)
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor;
        db.RecordAction(AuditAction.Configuration, null, $"Planification de la tâche « {name} » : « {previous} » → « {cron} »");
        await db.SaveChangesAsync(ct);
        return null;
    }
}
