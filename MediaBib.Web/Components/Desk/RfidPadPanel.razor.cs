using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Rfid;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Rfid;
using MediaBib.Web.Desk;
using MediaBib.Web.Rfid;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MediaBib.Web.Components.Desk;

/// <summary>
/// The RFID pad of this desk on the checkout or checkin page: shown when the staff's library has a pad. Staff pick
/// the pad of their desk once (kept in the browser's localStorage). "Emprunter tout" / "Rendre tout" queue every item
/// on the pad in the page's own <see cref="CheckoutSession"/> / <see cref="CheckinSession"/>, exactly as if scanned;
/// the pad's security bits change only after each item's transaction has committed (<see cref="RfidPadBatch"/>).
/// </summary>
public sealed partial class RfidPadPanel
{
    /// <summary>localStorage key of the pad chosen on this workstation.</summary>
    public const string StorageKey = "mediabib.rfidPad";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private readonly Dictionary<string, ItemSummary?> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private IReadOnlyList<RfidPadRow> _pads = [];
    private Guid? _padId;
    private IDisposable? _subscription;

    [Parameter]
    public RfidPadMode Mode { get; set; }

    [Inject]
    private RfidPadAdmin Pads { get; set; } = default!;

    [Inject]
    private RfidPadRegistry Registry { get; set; } = default!;

    [Inject]
    private CheckoutSession Checkout { get; set; } = default!;

    [Inject]
    private CheckinSession Checkin { get; set; } = default!;

    [Inject]
    private DeskQueries Queries { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private bool Connected => _padId is { } id && Registry.IsConnected(id);

    private IReadOnlyList<RfidTag> Tags => _padId is { } id ? Registry.TagsOn(id) : [];

    private IReadOnlyList<PadItem> Items => RfidPadBatch.ItemsOn(Tags);

    private IReadOnlyList<IncompleteSet> Incomplete => RfidSets.Incomplete(Tags);

    // Something left to send: an item neither queued nor done (a refused or failed one may be sent again).
    private bool CanRun => Items.Any(i => !Handled.Contains(i.Barcode)) && (Mode == RfidPadMode.Checkin || Checkout.Patron is not null);

    private HashSet<string> Handled =>
    [
        .. _outcomes.Where(o => o.Value.Status is ScanStatus.Queued or ScanStatus.Done).Select(o => o.Key),
    ];

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        var actor = await Staff.ActorAsync();
        if (actor.LibraryId is not { } library)
        {
            return;
        }

        // The same actor the page gives its session (the panel may be the first to queue).
        Checkout.UseActor(actor);
        Checkin.UseActor(actor);

        _pads = await Pads.ListAsync(library, activeOnly: true);
        if (_pads.Count == 1)
        {
            await UseAsync(_pads[0].Id);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _pads.Count < 2)
        {
            return;
        }

        try
        {
            var stored = await JS.InvokeAsync<string?>("localStorage.getItem", StorageKey);
            if (Guid.TryParse(stored, CultureInfo.InvariantCulture, out var id) && _pads.Any(p => p.Id == id))
            {
                await UseAsync(id);
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task SelectAsync(Guid? padId)
    {
        if (padId is not { } id)
        {
            return;
        }

        await UseAsync(id);
        try
        {
            await JS.InvokeVoidAsync("localStorage.setItem", StorageKey, id.ToString("D", CultureInfo.InvariantCulture));
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private async Task UseAsync(Guid padId)
    {
        _subscription?.Dispose();
        _padId = padId;
        _outcomes.Clear();
        _subscription = Registry.Subscribe(padId, () => InvokeAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        }));
        await RefreshAsync();
    }

    /// <summary>Reads the titles of new barcodes and forgets the outcomes of items taken off the pad.</summary>
    private async Task RefreshAsync()
    {
        var barcodes = Items.Select(i => i.Barcode).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _outcomes.Keys.Where(b => !barcodes.Contains(b)).ToList())
        {
            _outcomes.Remove(gone);
        }

        foreach (var barcode in barcodes.Where(b => !_titles.ContainsKey(b)))
        {
            _titles[barcode] = await Queries.ItemByBarcodeAsync(barcode);
        }
    }

    private void RunAll()
    {
        if (_padId is not { } padId)
        {
            return;
        }

        var handled = Handled;
        var queued = Mode == RfidPadMode.Checkout
            ? Registry.CheckOutAll(padId, Checkout, line => ShowAsync(line.Barcode, line.Status, () => CheckoutText(line)), handled)
            : Registry.CheckInAll(padId, Checkin, line => ShowAsync(line.Barcode, line.Status, () => CheckinText(line)), handled);
        foreach (var item in queued)
        {
            _outcomes[item.Barcode] = new Outcome(ScanStatus.Queued, D["Desk.Queued"]);
        }
    }

    private Task ShowAsync(string barcode, ScanStatus status, Func<string> text) => InvokeAsync(() =>
    {
        _outcomes[barcode] = new Outcome(status, text());
        StateHasChanged();
    });

    private string CheckoutText(CheckoutLine line) => line.Status switch
    {
        ScanStatus.Queued => D["Desk.Queued"],
        ScanStatus.Done => D["Checkout.DueOn", LibraryTime.ToLocal(line.DueAt!.Value).ToString("dd/MM/yyyy", French)],
        ScanStatus.Refused => string.Join(" ", line.RefusalList.Select(RefusalMessages.French)),
        ScanStatus.Failed => D["Desk.Failed"],
    };

    private string CheckinText(CheckinLine line) => line.Status switch
    {
        ScanStatus.Queued => D["Desk.Queued"],
        ScanStatus.Done => string.Join(" ", CheckinInstructions.For(line, D).Select(i => i.Text)),
        ScanStatus.Refused => string.Join(" ", line.RefusalList.Select(RefusalMessages.French)),
        ScanStatus.Failed => D["Desk.Failed"],
    };

    private string IncompleteText(IncompleteSet set)
    {
        var title = _titles.GetValueOrDefault(set.ItemBarcode)?.Title ?? set.ItemBarcode;
        var parts = string.Join(", ", set.Missing.Select(p => p.ToString(French)));
        return set.Missing.Count == 1
            ? D["Rfid.MissingOne", title, set.ItemBarcode, parts, set.SetSize]
            : D["Rfid.MissingMany", title, set.ItemBarcode, parts, set.SetSize];
    }

    private string Parts(PadItem item)
    {
        var tags = Tags.Where(t => t.ItemBarcode == item.Barcode).ToList();
        var size = tags.Max(t => t.SetSize);
        return size > 1 ? D["Rfid.PartsOf", tags.Count, size] : "1";
    }

    /// <summary>"on", "off" or "mixed" over the item's tags.</summary>
    private string SecurityState(PadItem item)
    {
        var states = Tags.Where(t => t.ItemBarcode == item.Barcode).Select(t => t.SecurityOn).Distinct().ToList();
        return states.Count != 1 ? "mixed" : states[0] ? "on" : "off";
    }

    private sealed record Outcome(ScanStatus Status, string Text);
}
