using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MediaBib.Web.Components.Desk;

/// <summary>
/// The barcode field of a scan loop. Enter is handled in the browser: the value is taken and the field cleared in one
/// step, before the next barcode's characters arrive, then sent to the server in order. A bound input would race
/// with a scanner (the server's "clear" could wipe the next barcode). Focus stays in the field after every scan.
/// </summary>
public sealed partial class ScanField
{
    private readonly string _id = "scan-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _input;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ScanField>? _self;
    private bool _ready;

    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    [Parameter]
    public string? Placeholder { get; set; }

    [Parameter]
    public string TestId { get; set; } = "scan-field";

    /// <summary>Called once per barcode, in the order they were scanned.</summary>
    [Parameter]
    public EventCallback<string> OnScan { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Called by the browser for each barcode followed by Enter.</summary>
    [JSInvokable]
    public Task OnScanned(string value) => string.IsNullOrWhiteSpace(value) ? Task.CompletedTask : OnScan.InvokeAsync(value.Trim());

    /// <summary>Puts the cursor back in the field (after a click on a button of the page).</summary>
    public async Task FocusAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("focus", _input);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach", _input);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone with the browser tab: nothing to detach.
            }
        }

        _self?.Dispose();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Desk/ScanField.razor.js");
        _self = DotNetObjectReference.Create(this);
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("attach", _input, _self);
        }

        _ready = true;
        StateHasChanged();
    }
}
