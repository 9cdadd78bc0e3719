using MediaBib.Web.Desk;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The scan queue alone (no database): order, no loss, no doubles, one at a time, errors do not stop it.</summary>
public sealed class ScanQueueTests
{
    [Fact]
    public async Task Enqueue_BurstOfScans_ProcessesEachOnceInArrivalOrder()
    {
        // Arrange
        var processed = new List<string>();
        var running = 0;
        var maxRunning = 0;
        await using var queue = new ScanQueue<string>(
            async (code, _) =>
            {
                maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
                await Task.Delay(code.EndsWith('3') ? 5 : 0);
                lock (processed)
                {
                    processed.Add(code);
                }

                Interlocked.Decrement(ref running);
            },
            (_, _) => Task.CompletedTask);
        var sent = Enumerable.Range(0, 40).Select(i => $"B{i:D3}").ToList();

        // Act
        foreach (var code in sent)
        {
            Assert.True(queue.Enqueue(code));
        }

        await queue.WhenIdleAsync();

        // Assert
        Assert.Equal(sent, processed);
        Assert.Equal(1, maxRunning);
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task Process_OneScanThrows_ReportsItAndGoesOn()
    {
        // Arrange
        var processed = new List<string>();
        var failed = new List<(string, string)>();
        await using var queue = new ScanQueue<string>(
            (code, _) =>
            {
                if (code == "BAD")
                {
                    throw new InvalidOperationException("database down");
                }

                processed.Add(code);
                return Task.CompletedTask;
            },
            (code, ex) =>
            {
                failed.Add((code, ex.Message));
                return Task.CompletedTask;
            });

        // Act
        queue.Enqueue("A");
        queue.Enqueue("BAD");
        queue.Enqueue("C");
        await queue.WhenIdleAsync();

        // Assert
        Assert.Equal(["A", "C"], processed);
        Assert.Equal([("BAD", "database down")], failed);
    }

    [Fact]
    public async Task Enqueue_AfterDispose_IsRefused()
    {
        var queue = new ScanQueue<string>((_, _) => Task.CompletedTask, (_, _) => Task.CompletedTask);
        await queue.DisposeAsync();

        Assert.False(queue.Enqueue("A"));
    }

    [Fact]
    public async Task WhenIdle_WhileAScanIsRunning_WaitsForIt()
    {
        // Arrange
        var release = new TaskCompletionSource();
        await using var queue = new ScanQueue<string>(async (_, _) => await release.Task, (_, _) => Task.CompletedTask);
        queue.Enqueue("A");

        // Act
        var idle = queue.WhenIdleAsync();

        // Assert
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, queue.Pending);
        release.SetResult();
        await idle;
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task Settled_AfterEachScan_SeesTheCountAlreadyLowered()
    {
        // Arrange: the screen refreshes from the settled callback; it must never show a scan still pending once the
        // last one is done.
        var seen = new List<int>();
        ScanQueue<string>? queue = null;
        await using var q = queue = new ScanQueue<string>(
            (_, _) => Task.CompletedTask,
            (_, _) => Task.CompletedTask,
            () =>
            {
                lock (seen)
                {
                    seen.Add(queue!.Pending);
                }

                return Task.CompletedTask;
            });

        // Act
        Assert.True(queue.Enqueue("B001"));
        await queue.WhenIdleAsync();
        await WaitUntilAsync(() => { lock (seen) { return seen.Count == 1; } });

        // Assert
        Assert.Equal([0], seen);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
