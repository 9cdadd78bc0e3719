using System.Collections.Concurrent;
using Quartz;

namespace MediaBib.Web.Jobs;

/// <summary>How a job's last run on this node ended.</summary>
public sealed record JobOutcome(DateTimeOffset StartedAt, TimeSpan Duration, bool Succeeded, string Summary);

/// <summary>
/// The last outcome of each job run by this node, kept in memory. With several nodes a run happens on one of them, so
/// a page served by another node shows the fire times (stored by Quartz) but may lack that run's outcome.
/// </summary>
public sealed class JobOutcomes
{
    private readonly ConcurrentDictionary<string, JobOutcome> _last = new(StringComparer.Ordinal);

    public JobOutcome? Last(string jobName) => _last.GetValueOrDefault(jobName);

    public void Record(string jobName, JobOutcome outcome) => _last[jobName] = outcome;
}

/// <summary>Writes each run's outcome (the job's summary, or the error) into <see cref="JobOutcomes"/>.</summary>
public sealed class JobOutcomeListener(JobOutcomes outcomes) : IJobListener
{
    public string Name => "mediabib-outcomes";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var failure = jobException?.InnerException ?? jobException;
        outcomes.Record(context.JobDetail.Key.Name, new JobOutcome(
            context.FireTimeUtc,
            context.JobRunTime,
            failure is null,
            failure is null ? context.Result as string ?? "" : failure.Message));
        return ValueTask.CompletedTask;
    }
}
