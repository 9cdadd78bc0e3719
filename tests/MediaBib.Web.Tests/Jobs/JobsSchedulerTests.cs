using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Testing;
using MediaBib.Web.Jobs;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace MediaBib.Web.Tests.Jobs;

/// <summary>
/// The scheduler of the running web app: Quartz's clustered store on the test database (the QuartzTables migration),
/// the jobs of JobsRegistration, and the admin operations of /admin/jobs.
/// </summary>
public sealed class JobsSchedulerTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scheduler_WebApp_UsesTheClusteredPostgresStoreWithEveryJobScheduled()
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

        var metadata = await scheduler.GetMetadata(Ct);
        var rows = await app.Services.GetRequiredService<JobsAdmin>().ListAsync(Ct);

        Assert.True(metadata.JobStoreClustered);
        Assert.True(metadata.JobStorePersistent);
        Assert.Equal(JobsRegistration.All.Select(j => j.Name), rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.True(r.NextFireUtc > DateTimeOffset.UtcNow, $"{r.Name} has no next fire time"));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Cron), $"{r.Name} has no cron"));
    }

    [Fact]
    public async Task RunNow_OutboxCleanup_RunsThroughTheSchedulerAndRecordsItsOutcome()
    {
        // Arrange: an outbox event past its keep time, and a listener that says when the run ends.
        var old = new OutboxMessage { Id = Guid.CreateVersion7(), OccurredAt = DateTime.UtcNow.AddDays(-30), Type = "test.jobs", Payload = "{}" };
        await using (var db = app.Database.CreateContext())
        {
            db.OutboxMessages.Add(old);
            await db.SaveChangesAsync(Ct);
        }

        var job = JobsRegistration.Find("outbox-cleanup")!;
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var listener = new CompletionListener(Unique.Code("test-listener"));
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(job.Key)]);
        try
        {
            // Act
            Assert.True(await app.Services.GetRequiredService<JobsAdmin>().RunNowAsync(Actor.System, job.Name, Ct));
            var failure = await listener.Completed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

            // Assert
            Assert.Null(failure);
            await using var check = app.Database.CreateContext();
            Assert.False(await check.OutboxMessages.AnyAsync(m => m.Id == old.Id, Ct));
            var outcome = app.Services.GetRequiredService<JobOutcomes>().Last(job.Name);
            Assert.NotNull(outcome);
            Assert.True(outcome.Succeeded);
            Assert.Contains("événement(s) supprimé(s)", outcome.Summary, StringComparison.Ordinal);
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    [Fact]
    public async Task Reschedule_ValidCron_ReplacesTheTriggerAndIsAudited()
    {
        var admin = app.Services.GetRequiredService<JobsAdmin>();
        var actor = new Actor(ActorKind.Staff, Unique.Code("admin"));

        var error = await admin.RescheduleAsync(actor, "letter-batch", " 0 15 9 ? * MON-FRI ", Ct);

        Assert.Null(error);
        var row = Assert.Single(await admin.ListAsync(Ct), r => r.Name == "letter-batch");
        Assert.Equal("0 15 9 ? * MON-FRI", row.Cron);
        var next = TimeZoneInfo.ConvertTime(row.NextFireUtc!.Value, JobsRegistration.Paris);
        Assert.Equal((9, 15), (next.Hour, next.Minute));
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Actor == actor.Name, Ct);
        Assert.Equal(AuditAction.Configuration.Code(), audit.Action);
        Assert.Contains("0 15 9 ? * MON-FRI", audit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reschedule_InvalidCron_IsRefusedAndTheScheduleStays()
    {
        var admin = app.Services.GetRequiredService<JobsAdmin>();
        var before = Assert.Single(await admin.ListAsync(Ct), r => r.Name == "outbox-cleanup").Cron;

        var error = await admin.RescheduleAsync(new Actor(ActorKind.Staff, Unique.Code("admin")), "outbox-cleanup", "tous les jours", Ct);
        var unknown = await admin.RescheduleAsync(Actor.System, "no-such-job", "0 0 4 * * ?", Ct);

        Assert.Equal(JobChangeError.InvalidCron, error);
        Assert.Equal(JobChangeError.UnknownJob, unknown);
        Assert.Equal(before, Assert.Single(await admin.ListAsync(Ct), r => r.Name == "outbox-cleanup").Cron);
    }

    private sealed class CompletionListener(string name) : IJobListener
    {
        public TaskCompletionSource<JobExecutionException?> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Completed.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
