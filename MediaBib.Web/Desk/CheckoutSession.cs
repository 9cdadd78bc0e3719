using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;

namespace MediaBib.Web.Desk;

public enum ScanStatus
{
    /// <summary>Accepted, waiting for its turn in the queue.</summary>
    Queued,
    Done,
    Refused,

    /// <summary>Something broke (database down…); the scan did nothing and can be repeated.</summary>
    Failed,
}

/// <summary>One scanned barcode at the checkout desk and what came of it.</summary>
public sealed record CheckoutLine(
    int Seq,
    string Barcode,
    Guid PatronId,
    ScanStatus Status,
    ItemSummary? Item = null,
    Guid? LoanId = null,
    DateTime? DueAt = null,
    IReadOnlyList<RefusalReason>? Refusals = null,
    bool Forced = false)
{
    public IReadOnlyList<RefusalReason> RefusalList => Refusals ?? [];

    /// <summary>Staff with the override permission may force this loan (every refusal is an overridable one).</summary>
    public bool Overridable => Status == ScanStatus.Refused && RefusalList.Count > 0 && RefusalList.All(r => r.CanOverride());
}

/// <summary>
/// The checkout desk of one circuit (one member of staff at one screen): the patron in front of the desk, the scans
/// in arrival order and the loans made, for the receipt. Scans go through a <see cref="ScanQueue{T}"/>; the page
/// listens to <see cref="Changed"/> and re-renders on its own dispatcher.
/// </summary>
public sealed class CheckoutSession : IAsyncDisposable
{
    private readonly CirculationDesk _desk;
    private readonly DeskQueries _queries;
    private readonly ILogger<CheckoutSession> _log;
    private readonly ScanQueue<CheckoutRequest> _queue;
    private readonly Lock _gate = new();
    private readonly List<CheckoutLine> _lines = [];
    private readonly Dictionary<int, Func<CheckoutLine, Task>> _answered = [];
    private int _seq;

    public CheckoutSession(CirculationDesk desk, DeskQueries queries, ILogger<CheckoutSession> log)
    {
        _desk = desk;
        _queries = queries;
        _log = log;
        _queue = new ScanQueue<CheckoutRequest>(ProcessAsync, FailAsync, NotifyAsync);
    }

    /// <summary>Raised (from any thread) after a line was added or changed.</summary>
    public event Func<Task>? Changed;

    public Actor? Actor { get; private set; }

    public PatronMatch? Patron { get; private set; }

    public int Pending => _queue.Pending;

    /// <summary>Lines of the current patron's transaction, newest first.</summary>
    public IReadOnlyList<CheckoutLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines.Where(l => l.PatronId == Patron?.Id).OrderByDescending(l => l.Seq)];
            }
        }
    }

    /// <summary>Loans made for <paramref name="patronId"/> in this circuit, for the receipt.</summary>
    public IReadOnlyList<Guid> LoansOf(Guid patronId)
    {
        lock (_gate)
        {
            return [.. _lines.Where(l => l.PatronId == patronId && l.LoanId is not null).OrderBy(l => l.Seq).Select(l => l.LoanId!.Value)];
        }
    }

    public void UseActor(Actor actor) => Actor = actor;

    /// <summary>Starts a transaction for another patron (scans still queued finish for the one they were made for).</summary>
    public void SelectPatron(PatronMatch? patron)
    {
        Patron = patron;
        lock (_gate)
        {
            _lines.RemoveAll(l => l.PatronId != patron?.Id && l.Status != ScanStatus.Queued && l.LoanId is null);
            foreach (var seq in _answered.Keys.Where(seq => !_lines.Exists(l => l.Seq == seq)).ToList())
            {
                _answered.Remove(seq);
            }
        }
    }

    /// <summary>
    /// Queues a scanned barcode for the current patron; false when there is nothing to do. <paramref name="answered"/>
    /// (the RFID pad's) is called each time the line gets an answer: refused, then done if staff force it, only once
    /// the loan has committed.
    /// </summary>
    public bool Scan(string barcode, Func<CheckoutLine, Task>? answered = null) => Enqueue(barcode, null, answered);

    /// <summary>Queues a forced loan for a refused, overridable line.</summary>
    public bool Force(int seq, string reason)
    {
        CheckoutLine? line;
        lock (_gate)
        {
            line = _lines.FirstOrDefault(l => l.Seq == seq);
            if (line is not { Overridable: true } || string.IsNullOrWhiteSpace(reason))
            {
                return false;
            }

            _lines[_lines.IndexOf(line)] = line with { Status = ScanStatus.Queued };
        }

        var accepted = _queue.Enqueue(new CheckoutRequest(seq, line.Barcode, line.PatronId, reason.Trim()));
        _ = NotifyAsync();
        return accepted;
    }

    public Task WhenIdleAsync() => _queue.WhenIdleAsync();

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private bool Enqueue(string barcode, string? overrideReason, Func<CheckoutLine, Task>? answered)
    {
        var code = barcode.Trim();
        if (code.Length == 0 || Patron?.Id is not { } patron)
        {
            return false;
        }

        CheckoutLine line;
        lock (_gate)
        {
            line = new CheckoutLine(++_seq, code, patron, ScanStatus.Queued);
            _lines.Add(line);
            if (answered is not null)
            {
                _answered[line.Seq] = answered;
            }
        }

        var accepted = _queue.Enqueue(new CheckoutRequest(line.Seq, code, patron, overrideReason));
        _ = NotifyAsync();
        return accepted;
    }

    private async Task ProcessAsync(CheckoutRequest request, CancellationToken ct)
    {
        var actor = Actor ?? throw new InvalidOperationException("No member of staff on this desk.");
        if (actor.LibraryId is not { } library)
        {
            throw new InvalidOperationException("The member of staff works at no library.");
        }

        var outcome = await _desk.CheckOutAsync(actor, library, request.PatronId.ToString(), request.Barcode, request.OverrideReason, ct: ct);
        if (outcome.Value is { } receipt && outcome.Succeeded)
        {
            var item = await _queries.ItemAsync(receipt.ItemId, ct);
            Update(request.Seq, l => l with
            {
                Status = ScanStatus.Done, Item = item, LoanId = receipt.LoanId, DueAt = receipt.DueAt, Forced = receipt.Overridden.Count > 0,
            });
        }
        else
        {
            var item = await _queries.ItemByBarcodeAsync(request.Barcode, ct);
            Update(request.Seq, l => l with { Status = ScanStatus.Refused, Item = item, Refusals = outcome.Refusals });
        }

        await NotifyAsync();
        await AnsweredAsync(request.Seq);
    }

    private async Task FailAsync(CheckoutRequest request, Exception ex)
    {
        _log.LogError(ex, "Checkout scan {Barcode} failed", request.Barcode);
        Update(request.Seq, l => l with { Status = ScanStatus.Failed });
        await NotifyAsync();
        await AnsweredAsync(request.Seq);
    }

    /// <summary>Tells the line's watcher; its failure must not turn a committed loan into a "failed" line.</summary>
    private async Task AnsweredAsync(int seq)
    {
        CheckoutLine? line;
        Func<CheckoutLine, Task>? answered;
        lock (_gate)
        {
            line = _lines.Find(l => l.Seq == seq);
            if (line is null || !_answered.TryGetValue(seq, out answered))
            {
                return;
            }

            if (line.Status != ScanStatus.Refused)
            {
                _answered.Remove(seq);
            }
        }

        try
        {
            await answered(line);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "The watcher of checkout line {Barcode} failed", line.Barcode);
        }
    }

    private void Update(int seq, Func<CheckoutLine, CheckoutLine> change)
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
                    _log.LogWarning(ex, "A checkout screen failed to refresh");
                }
            }
        }
    }

    private sealed record CheckoutRequest(int Seq, string Barcode, Guid PatronId, string? OverrideReason);
}
