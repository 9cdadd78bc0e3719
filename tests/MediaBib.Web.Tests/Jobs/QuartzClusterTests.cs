using System.Collections.Concurrent;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace MediaBib.Web.Tests.Jobs;

/// <summary>
/// Two schedulers (two nodes: same scheduler name, different instance ids) on Quartz's clustered PostgreSQL store in
/// the test database, configured like JobsRegistration does. Each trigger fires on one node only.
/// </summary>
public sealed class QuartzClusterTests(WebAppFixture app)
{
    private const int Triggers = 10;

    private static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Runs = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClusteredStore_TwoSchedulersOneJobTriggered_EachTriggerFiresExactlyOnceAcrossNodes()
    {
        // Arrange: a cluster of its own (unique scheduler name), so the web app's scheduler stays out of it.
        var cluster = Unique.Code("cluster");
        await using var nodeA = Node(cluster, "node-a");
        await using var nodeB = Node(cluster, "node-b");
        var a = await nodeA.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var b = await nodeB.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        Assert.NotSame(a, b);
        await a.Start(Ct);
        await b.Start(Ct);
        var job = JobBuilder.Create<ProbeJob>().WithIdentity("probe", cluster).StoreDurably().Build();
        await a.AddJob(job, AddJobOptions.Replacing, Ct);
        var keys = Enumerable.Range(0, Triggers).Select(i => $"{cluster}-{i}").ToList();

        // Act: each trigger fires once, now; either node may acquire it.
        foreach (var key in keys)
        {
            Runs[key] = [];
            await a.ScheduleJob(TriggerBuilder.Create().ForJob(job.Key).WithIdentity(key, cluster)
                .UsingJobData("run", key).StartNow().Build(), cancellationToken: Ct);
        }

        // Wait until every trigger has fired and is gone from the store (a fired one-shot trigger is deleted).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((keys.Any(k => Runs[k].IsEmpty) || await AnyTriggerLeftAsync(b, keys, cluster)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        var clustered = (await a.GetMetadata(Ct)).JobStoreClustered;
        await a.Shutdown(waitForJobsToComplete: true, Ct);
        await b.Shutdown(waitForJobsToComplete: true, Ct);

        // Assert: every trigger ran exactly once, on one of the two nodes.
        Assert.True(clustered);
        Assert.All(keys, k => Assert.Single(Runs[k]));
        Assert.All(keys.SelectMany(k => Runs[k]), node => Assert.True(node is "node-a" or "node-b", node));
    }

    private static async Task<bool> AnyTriggerLeftAsync(IScheduler scheduler, List<string> keys, string group)
    {
        foreach (var key in keys)
        {
            if (await scheduler.GetTrigger(new TriggerKey(key, group), Ct) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private ServiceProvider Node(string cluster, string instanceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = cluster;
                o.InstanceId = instanceId;
            });
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(app.Database.ConnectionString);
                s.UseClustering(_ => { });
                s.UseSystemTextJsonSerializer();
            });
        });
        return services.BuildServiceProvider();
    }

    [DisallowConcurrentExecution]
    private sealed class ProbeJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Runs[context.MergedJobDataMap.GetString("run")!].Add(context.Scheduler.SchedulerInstanceId);
            return ValueTask.CompletedTask;
        }
    }
}
