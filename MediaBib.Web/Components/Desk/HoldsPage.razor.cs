using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MediaBib.Web.Components.Desk;

/// <summary>
/// The hold shelf of this library (waiting, last day, expired), transits to and from it, and holds on a record:
/// place one for a patron and reorder the queue. Every change goes through <see cref="HoldService"/>.
/// </summary>
public sealed partial class HoldsPage
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private readonly Dictionary<Guid, string> _refusals = [];
    private IReadOnlyList<ShelfHold> _waiting = [];
    private IReadOnlyList<ShelfHold> _coming = [];
    private IReadOnlyList<TransitLine> _incoming = [];
    private IReadOnlyList<TransitLine> _outgoing = [];
    private IReadOnlyList<RecordMatch> _records = [];
    private IReadOnlyList<PatronMatch> _patrons = [];
    private IReadOnlyList<PatronOption> _libraries = [];
    private RecordQueue? _queue;
    private PatronMatch? _patron;
    private Guid _pickup;
    private Guid? _here;
    private int _lastPosition;
    private string? _problem;
    private string? _recordMessage;
    private string? _patronMessage;
    private string? _placeRefusal;
    private IDisposable? _subscription;

    /// <summary>Opens the page on a record's queue (from the item lookup).</summary>
    [SupplyParameterFromQuery(Name = "record")]
    public Guid? RecordId { get; set; }

    [Inject]
    private HoldShelfQueries Shelf { get; set; } = default!;

    [Inject]
    private DeskQueries Queries { get; set; } = default!;

    [Inject]
    private PatronRegistration Registration { get; set; } = default!;

    [Inject]
    private HoldService Holds { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private LiveEvents Live { get; set; } = default!;

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(OnEventAsync);
        _here = (await Staff.ActorAsync()).LibraryId;
        _problem = _here is null ? D["Desk.NoLibrary"].Value : null;
        (_, _libraries) = await Registration.OptionsAsync();
        _pickup = _here ?? _libraries.FirstOrDefault()?.Id ?? Guid.Empty;
        await LoadShelfAsync();
    }

    protected override async Task OnParametersSetAsync() => await LoadQueueAsync();

    private async Task LoadShelfAsync()
    {
        if (_here is not { } here)
        {
            return;
        }

        var shelf = await Shelf.ShelfAsync(here);
        _waiting = [.. shelf.Where(h => h.Status == Domain.Holds.HoldStatus.Waiting)];
        _coming = [.. shelf.Where(h => h.Status == Domain.Holds.HoldStatus.InTransit)];
        (_incoming, _outgoing) = await Shelf.TransitsAsync(here);
    }

    /// <summary>A hold or transit changed anywhere (another desk, a kiosk, the OPAC): the lists are read again.</summary>
    private Task OnEventAsync(OutboxEvent e) =>
        e.Type.StartsWith("hold.", StringComparison.Ordinal) || e.Type.StartsWith("transit.", StringComparison.Ordinal)
            ? InvokeAsync(async () =>
            {
                await LoadShelfAsync();
                await LoadQueueAsync();
                StateHasChanged();
            })
            : Task.CompletedTask;

    private async Task LoadQueueAsync()
    {
        _queue = RecordId is { } id ? await Shelf.QueueAsync(id) : null;
        _lastPosition = _queue?.Holds.Max(h => h.Position) ?? 0;
    }

    private string DeadlineText(ShelfHold hold)
    {
        var date = hold.PickupDeadline?.ToString("dd/MM/yyyy", French) ?? "";
        return hold.State switch
        {
            PickupState.Open => date,
            PickupState.LastDay => D["Holds.LastDay", date],
            PickupState.Expired => D["Holds.Expired", date],
        };
    }

    private async Task FindRecordsAsync(string term)
    {
        _records = await Shelf.FindRecordsAsync(term);
        _recordMessage = _records.Count == 0 ? D["Items.NoMatch", term].Value : null;
        if (_records.Count == 1)
        {
            OpenRecord(_records[0].RecordId);
        }
    }

    private void OpenRecord(Guid recordId)
    {
        _placeRefusal = null;
        _refusals.Clear();
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("record", recordId));
    }

    private async Task FindPatronAsync(string term)
    {
        _patrons = await Queries.FindPatronsAsync(term);
        if (_patrons.Count == 1 && string.Equals(_patrons[0].CardNumber, term, StringComparison.OrdinalIgnoreCase))
        {
            await PickPatronAsync(_patrons[0]);
            return;
        }

        _patronMessage = _patrons.Count == 0 ? D["Patron.NoMatch", term].Value : null;
    }

    private Task PickPatronAsync(PatronMatch patron)
    {
        _patron = patron;
        _patrons = [];
        _patronMessage = null;
        return Task.CompletedTask;
    }

    private async Task PlaceAsync()
    {
        if (_queue is not { } queue || _patron is not { } patron)
        {
            return;
        }

        var outcome = await Holds.PlaceAsync(await Staff.ActorAsync(), patron.Id, queue.RecordId, _pickup);
        if (outcome.Succeeded)
        {
            _placeRefusal = null;
            Snackbar.Add(D["Holds.Placed", patron.SortName, outcome.Value!.Position?.ToString(French) ?? "—"], Severity.Success);
            _patron = null;
        }
        else
        {
            _placeRefusal = string.Join(" ", outcome.Refusals.Select(RefusalMessages.French));
        }

        await LoadQueueAsync();
    }

    private async Task MoveAsync(QueueHold hold, int position)
    {
        var outcome = await Holds.ReorderAsync(await Staff.ActorAsync(), hold.HoldId, position);
        if (outcome.Succeeded)
        {
            _refusals.Remove(hold.HoldId);
        }
        else
        {
            _refusals[hold.HoldId] = string.Join(" ", outcome.Refusals.Select(RefusalMessages.French));
        }

        await LoadQueueAsync();
    }
}
