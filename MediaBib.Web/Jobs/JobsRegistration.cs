using MediaBib.Infrastructure.Jobs;
using MediaBib.Infrastructure.Notifications;
using Quartz;

namespace MediaBib.Web.Jobs;

/// <summary>A scheduled job: its Quartz identity, its adapter and its default schedule (Quartz cron, Europe/Paris).</summary>
public sealed record JobDefinition(string Name, Type JobType, string DefaultCron)
{
    public JobKey Key => new(Name, JobsRegistration.Group);

    public TriggerKey TriggerKey => new(Name, JobsRegistration.Group);
}

/// <summary>Where the scheduler keeps its jobs and triggers (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// <c>postgres</c> (default): Quartz's clustered ADO.NET store in the application database, so that with several
    /// web nodes each run happens on one node, and edited schedules survive restarts. <c>memory</c>: each process
    /// schedules on its own (tests, a single developer instance).
    /// </summary>
    public string Store { get; set; } = "postgres";
}

/// <summary>
/// Every scheduled job in one place. The cron expressions are Quartz's (seconds first) in Europe/Paris; they are the
/// defaults of a new database: an administrator's edits on /admin/jobs are stored by Quartz and kept across restarts
/// (declared triggers never overwrite stored ones).
/// </summary>
public static class JobsRegistration
{
    public const string Group = "mediabib";

    public static TimeZoneInfo Paris => MediaBib.Domain.Circulation.LibraryTime.Zone;

    public static IReadOnlyList<JobDefinition> All { get; } =
    [
        // Overdue reminders, every day at 7:00, before the libraries open.
        new("overdue-reminders", typeof(OverdueRemindersJob), "0 0 7 * * ?"),

        // Courtesy reminders before the due date, every day at 7:15 (one per patron and due date).
        new("courtesy-reminders", typeof(CourtesyRemindersJob), "0 15 7 * * ?"),

        // Card expiry reminders, every day at 7:30 (one per patron and expiry date).
        new("card-expiry-reminders", typeof(CardExpiryRemindersJob), "0 30 7 * * ?"),

        // Hold-ready notices: sent at once from the hold.waiting event; this run catches missed events.
        new("hold-ready-notices", typeof(HoldReadyNoticesJob), "0 0/15 * * * ?"),

        // Waiting holds past their pickup deadline, every day at 6:30 (the item goes to the next patron).
        new("expire-waiting-holds", typeof(ExpireWaitingHoldsJob), "0 30 6 * * ?"),

        // Fines of overdue loans still out, every day at 6:00 (visible while they accrue; the checkin fixes the amount).
        new("fine-accrual", typeof(FineAccrualJob), "0 0 6 * * ?"),

        // Notice retries and fallbacks, every 5 minutes.
        new("notice-dispatch", typeof(NoticeDispatchJob), "0 0/5 * * * ?"),

        // Letters to print, every working day at 8:00.
        new("letter-batch", typeof(LetterBatchJob), "0 0 8 ? * MON-FRI"),

        // Housekeeping at night.
        new("audit-retention", typeof(AuditRetentionJob), "0 0 3 * * ?"),
        new("loan-history-anonymisation", typeof(LoanHistoryAnonymisationJob), "0 30 3 * * ?"),
        new("outbox-cleanup", typeof(OutboxCleanupJob), "0 0 4 * * ?"),
    ];

    public static JobDefinition? Find(string name) => All.FirstOrDefault(j => j.Name == name);

    /// <summary>
    /// The notices machinery, the jobs' use-case services, the hold-ready trigger on the outbox, and Quartz with every
    /// job of <see cref="All"/> (store per <see cref="JobsOptions.Store"/>).
    /// </summary>
    public static IServiceCollection AddMediaBibJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNotices(configuration);
        services.AddJobServices(configuration);
        services.AddSingleton<JobOutcomes>();
        services.AddSingleton<JobsAdmin>();

        var store = configuration[$"{JobsOptions.Section}:Store"] ?? "postgres";
        if (store is not ("postgres" or "memory"))
        {
            throw new InvalidOperationException($"Jobs__Store must be 'postgres' or 'memory' (it is '{store}').");
        }

        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartz(q =>
        {
            // One scheduler name across nodes (they share the store); each node gets its own generated instance id.
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "MediaBib";
                o.GenerateInstanceId = true;
            });
            if (store == "postgres")
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(configuration.GetConnectionString("Db") ?? "");
                    s.UseClustering(_ => { });
                    s.UseSystemTextJsonSerializer();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            foreach (var job in All)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Key).StoreDurably());
                q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.TriggerKey)
                    .WithCronSchedule(job.DefaultCron, c => c.InTimeZone(Paris).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }

            q.AddJobListener(sp => new JobOutcomeListener(sp.GetRequiredService<JobOutcomes>()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
