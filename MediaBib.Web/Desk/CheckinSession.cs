using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;

namespace MediaBib.Web.Desk;

/// <summary>
/// One scanned return and what the desk must do with the item. <see cref="HoldPatronName"/> and
/// <see cref="DestinationName"/> are read once, after the engine answered, so the instruction names people and places.
/// </summary>
public sealed record CheckinLine(
    int Seq,
    string Barcode,
    ScanStatus Status,
    ItemSummary? Item = null,
    CheckinOutcome? Outcome = null,
    string? HoldPatronName = null,
    string? DestinationName = null,
    bool DestinationIsHere = false,
    IReadOnlyList<RefusalReason>? Refusals = null)
{
    public IReadOnlyList<RefusalReason> RefusalList => Refusals ?? [];
}

/// <summary>The checkin desk of one circuit: a scan loop with no patron, every answer kept as a line.</summary>
public sealed class CheckinSession : IAsyncDisposable
{
    private readonly CirculationDesk _desk;
    private readonly DeskQueries _queries;
    private readonly ILogger<CheckinSession> _log;
    private readonly ScanQueue<(int Seq, string Barcode)> _queue;
    private readonly Lock _gate = new();
    private readonly List<CheckinLine> _lines = [];
    private readonly Dictionary<int, Func<CheckinLine, Task>> _answered = [];
    private int _seq;

    public CheckinSession(CirculationDesk desk, DeskQueries queries, ILogger<CheckinSession> log)
    {
        _desk = desk;
        _queries = queries;
        _log = log;
        _queue = new ScanQueue<(int, string)>(ProcessAsync, FailAsync, NotifyAsync);
    }

    public event Func<Task>? Changed;

    public Actor? Actor { get; private set; }

    public int Pending => _queue.Pending;

    /// <summary>Lines, newest first.</summary>
    public IReadOnlyList<CheckinLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines.OrderByDescending(l => l.Seq)];
            }
        }
    }

    public void UseActor(Actor actor) => Actor = actor;

    /// <summary>
    /// Queues a scanned return. <paramref name="answered"/> (the RFID pad's) is called once the line has its answer;
    /// a done line means the checkin has committed.
    /// </summary>
    public bool Scan(string barcode, Func<CheckinLine, Task>? answered = null)
    {
        var code = barcode.Trim();
        if (code.Length == 0)
        {
            return false;
        }

        int seq;
        lock (_gate)
        {
            seq = ++_seq;
            _lines.Add(new CheckinLine(seq, code, ScanStatus.Queued));
            if (answered is not null)
            {
                _answered[seq] = answered;
            }
        }

        var accepted = _queue.Enqueue((seq, code));
        _ = NotifyAsync();
        return accepted;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lines.RemoveAll(l => l.Status != ScanStatus.Queued);
        }
    }

    public Task WhenIdleAsync() => _queue.WhenIdleAsync();

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task ProcessAsync((int Seq, string Barcode) scan, CancellationToken ct)
    {
        var actor = Actor ?? throw new InvalidOperationException("No member of staff on this desk.");
        var library = actor.LibraryId ?? throw new InvalidOperationException("The member of staff works at no library.");
        var result = await _desk.CheckInAsync(actor, library, scan.Barcode, ct);
        var item = await _queries.ItemByBarcodeAsync(scan.Barcode, ct);
        if (result.Value is { } outcome && result.Succeeded)
        {
            var holdPatron = outcome.HoldPatronId is { } patronId ? await _queries.PatronAsync(patronId, ct) : null;
            var destination = await _queries.LibraryNameAsync(outcome.DestinationLibraryId, ct);
            Update(scan.Seq, l => l with
            {
                Status = ScanStatus.Done, Item = item, Outcome = outcome, HoldPatronName = holdPatron?.SortName,
                DestinationName = destination, DestinationIsHere = outcome.DestinationLibraryId == library,
            });
        }
        else
        {
            Update(scan.Seq, l => l with { Status = ScanStatus.Refused, Item = item, Refusals = result.Refusals });
        }

        await NotifyAsync();
        await AnsweredAsync(scan.Seq);
    }

    private async Task FailAsync((int Seq, string Barcode) scan, Exception ex)
    {
        _log.LogError(ex, "Checkin scan {Barcode} failed", scan.Barcode);
        Update(scan.Seq, l => l with { Status = ScanStatus.Failed });
        await NotifyAsync();
        await AnsweredAsync(scan.Seq);
    }

    /// <summary>Tells the line's watcher; its failure must not turn a committed checkin into a "failed" line.</summary>
    private async Task AnsweredAsync(int seq)
    {
        CheckinLine? line;
        Func<CheckinLine, Task>? answered;
        lock (_gate)
        {
            line = _lines.Find(l => l.Seq == seq);
            if (!_answered.Remove(seq, out answered) || line is null)
            {
                return;
            }
        }

        try
        {
            await answered(line);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "The watcher of checkin line {Barcode} failed", line.Barcode);
        }
    }

    private void Update(int seq, Func<CheckinLine, CheckinLine> change)
    {
        lock (_gate)
        {
            var index = _lines.FindIndex(l => l.Seq == seq);
            if (index >= 0)
            {
                _lines[index] = change(_lines[index]);
            }
        }
    }

    private async Task NotifyAsync()
    {
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                try
                {
                    await handler();
                }
                catch (Exception ex)
                {
                    _log.LogWarning(ex, "A checkin screen failed to refresh");
                }
            }
        }
    }
}
