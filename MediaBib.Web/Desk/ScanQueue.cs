using System.Threading.Channels;

namespace MediaBib.Web.Desk;

/// <summary>
/// Scans waiting for the circulation engine, handled one at a time in the order they arrived. A scanner may send ten
/// barcodes in a second: each is written to an unbounded channel at once (nothing is dropped while an earlier scan
/// is still at the database) and read by a single loop (nothing runs twice or out of order). A failing scan is
/// reported through <c>onError</c> and the loop goes on with the next one.
/// </summary>
public sealed class ScanQueue<T> : IAsyncDisposable
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<T, CancellationToken, Task> _process;
    private readonly Func<T, Exception, Task> _onError;
    private readonly Func<Task>? _settled;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private int _pending;

    /// <param name="process">Handles one scan (one at a time, in arrival order).</param>
    /// <param name="onError">Reports a scan whose handling threw.</param>
    /// <param name="settled">Called after a scan has left the queue (its <see cref="Pending"/> already lowered), so a
    /// screen that shows the count is never one scan behind.</param>
    public ScanQueue(Func<T, CancellationToken, Task> process, Func<T, Exception, Task> onError, Func<Task>? settled = null)
    {
        _process = process;
        _onError = onError;
        _settled = settled;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Scans accepted but not yet finished (the one being processed included).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Accepts a scan; false only once the queue is disposed.</summary>
    public bool Enqueue(T scan)
    {
        lock (_gate)
        {
            if (!_channel.Writer.TryWrite(scan))
            {
                return false;
            }

            if (_pending++ == 0)
            {
                _idle = NewIdle(completed: false);
            }

            return true;
        }
    }

    /// <summary>Completes when every scan accepted so far has been processed.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped with scans still waiting: the circuit is gone, nobody is there to see them.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        await foreach (var scan in _channel.Reader.ReadAllAsync(_stop.Token))
        {
            try
            {
                await _process(scan, _stop.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                await ReportAsync(scan, ex);
            }
            finally
            {
                lock (_gate)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }

            await SettleAsync();
        }
    }

    private async Task SettleAsync()
    {
        if (_settled is null)
        {
            return;
        }

        try
        {
            await _settled();
        }
        catch (Exception)
        {
            // A screen that cannot refresh must not stop the next scan.
        }
    }

    private async Task ReportAsync(T scan, Exception ex)
    {
        try
        {
            await _onError(scan, ex);
        }
        catch (Exception)
        {
            // The error display itself failed; the next scan must still be processed.
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            tcs.SetResult();
        }

        return tcs;
    }
}
