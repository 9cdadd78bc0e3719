using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaBib.Bench.Desk;

/// <summary>
/// One simulated desk: a real Blazor Server circuit on the checkout page, driven over the circuit's own protocol the
/// way blazor.web.js drives it, without a browser. It fetches the prerendered page (with the signed-in librarian's
/// cookie), starts the circuit with the page's component markers, answers the JS calls the page makes, acknowledges
/// every render batch, and scans by calling the scan field's <c>OnScanned</c>, exactly as ScanField.razor.js does on
/// Enter. A scan's line appearing and its answer (data-status other than Queued) are read from the render batches.
/// </summary>
internal sealed partial class CircuitDesk : IAsyncDisposable
{
    private static readonly bool Trace = Environment.GetEnvironmentVariable("MB_BENCH_DESK_TRACE") == "1";

    private readonly HubConnection _hub;
    private readonly string _name;
    private readonly object _gate = new();
    private readonly Queue<long> _awaitingLine = new();
    private readonly Queue<long> _awaitingAnswer = new();
    private readonly List<(int Index, TaskCompletionSource<long> Waiter)> _fieldWaiters = [];
    private readonly List<long> _fields = [];
    private int _nextJsObject;
    private int _nextCall;

    private CircuitDesk(HubConnection hub, string name)
    {
        _hub = hub;
        _name = name;
    }

    /// <summary>Milliseconds from a scan to its line on the page (status Queued, or already answered).</summary>
    public List<double> Lines { get; } = [];

    /// <summary>Milliseconds from a scan to its answer on the page: lent, refused or failed.</summary>
    public List<double> Answers { get; } = [];

    public int Sent { get; private set; }

    public int Lent { get; private set; }

    public int Refused { get; private set; }

    public int Failed { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// Lines or answers rendered with no scan waiting for them. Scans are matched to renders in order, which holds only
    /// while each scan renders its line once and its answer once (the rows are keyed); anything else shows up here.
    /// </summary>
    public int Unmatched { get; private set; }

    public int Unanswered
    {
        get
        {
            lock (_gate)
            {
                return _awaitingAnswer.Count;
            }
        }
    }

    public static async Task<CircuitDesk> OpenAsync(string baseUrl, CookieContainer cookies, string name, string card)
    {
        const string path = "/desk/checkout";
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        using var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}: is the librarian signed in?");
        }

        var markers = ServerMarkers(html);
        var state = ComponentState().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
        var builder = new HubConnectionBuilder().WithUrl(baseUrl + "/_blazor", o =>
        {
            o.Cookies = cookies;
            o.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        if (Trace)
        {
            builder.Services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug));
        }
        var desk = new CircuitDesk(builder.Build(), name);
        desk.Listen();
        await desk._hub.StartAsync();

        var circuit = await desk._hub.InvokeAsync<string?>("StartCircuit", baseUrl + "/", baseUrl + path, "[]", state);
        if (string.IsNullOrEmpty(circuit))
        {
            throw new InvalidOperationException("The server refused to start a circuit.");
        }

        var operations = markers.Select((marker, i) => new { type = "add", ssrComponentId = i + 1, marker });
        await desk._hub.SendAsync("UpdateRootComponents", JsonSerializer.Serialize(new { batchId = 1, operations }), state);

        var patronField = await desk.FieldAsync(0);
        await desk.InvokeScanAsync(patronField, card);
        await desk.FieldAsync(1);
        return desk;
    }

    /// <summary>Scans one barcode into the item field, as Enter in the field does.</summary>
    public async Task ScanAsync(string barcode)
    {
        long field;
        lock (_gate)
        {
            field = _fields[^1];
            var now = Stopwatch.GetTimestamp();
            _awaitingLine.Enqueue(now);
            _awaitingAnswer.Enqueue(now);
            Sent++;
        }

        await InvokeScanAsync(field, barcode);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private Task InvokeScanAsync(long field, string barcode) =>
        _hub.SendAsync("BeginInvokeDotNetFromJS", Interlocked.Increment(ref _nextCall).ToString(System.Globalization.CultureInfo.InvariantCulture), null, "OnScanned", field, JsonSerializer.Serialize(new[] { barcode }));

    private void Listen()
    {
        _hub.On("JS.RenderBatch", [typeof(int), typeof(byte[])], async (args) =>
        {
            var batchId = (int)args[0]!;
            OnRender((byte[])args[1]!);
            await _hub.SendAsync("OnRenderCompleted", (long)batchId, null);
        });
        // .NET 10: (handle, identifier, argsJson, result type, target instance, call type).
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async (args) =>
        {
            var handle = (long)args[0]!;
            var result = OnJsCall((string)args[1]!, (string)args[2]!);
            if (handle != 0)
            {
                await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
            }
        });
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        _hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        _hub.On<string>("JS.Error", error =>
        {
            Error ??= error;
            Console.Error.WriteLine($"desk {_name}: the circuit failed: {error}");
        });
    }

    /// <summary>Answers a JS call the page makes. Modules are imported as JS objects; the scan field's attach hands over its .NET object.</summary>
    private string OnJsCall(string identifier, string argsJson)
    {
        if (Trace)
        {
            Console.Error.WriteLine($"desk {_name}: JS {identifier} {argsJson}");
        }

        if (identifier == "import")
        {
            return $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObject) + 1000}}}";
        }

        if (identifier == "attach" && DotNetObject(argsJson) is { } field)
        {
            lock (_gate)
            {
                _fields.Add(field);
                foreach (var waiting in _fieldWaiters.Where(w => w.Index < _fields.Count).ToList())
                {
                    _fieldWaiters.Remove(waiting);
                    waiting.Waiter.TrySetResult(_fields[waiting.Index]);
                }
            }
        }

        return identifier switch
        {
            "window.hasOwnProperty" => "true",
            "mudpopoverHelper.countProviders" => "1",
            "mudResizeListener.getBrowserWindowSize" => "{\"height\":1080,\"width\":1920}",
            "isEnabled" => "false", // DeskSound: the sound is off, as by default
            _ => "null",
        };
    }

    private void OnRender(byte[] batch)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (name, value) in RenderBatchReader.Attributes(batch))
            {
                if (name == "data-testid" && value == "checkout-line")
                {
                    if (_awaitingLine.TryDequeue(out var sent))
                    {
                        Lines.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                    }
                    else
                    {
                        Unmatched++;
                    }
                }
                else if (name == "data-status" && value is "Done" or "Refused" or "Failed")
                {
                    if (_awaitingAnswer.TryDequeue(out var scanned))
                    {
                        Answers.Add(Stopwatch.GetElapsedTime(scanned, now).TotalMilliseconds);
                        _ = value switch { "Done" => Lent++, "Refused" => Refused++, _ => Failed++ };
                    }
                    else
                    {
                        Unmatched++;
                    }
                }
            }
        }
    }

    /// <summary>The .NET object of the <paramref name="index"/>-th scan field attached on the page (0: patron, 1: item).</summary>
    private async Task<long> FieldAsync(int index)
    {
        TaskCompletionSource<long> waiter;
        lock (_gate)
        {
            if (index < _fields.Count)
            {
                return _fields[index];
            }

            waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _fieldWaiters.Add((index, waiter));
        }

        return await waiter.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    private static long? DotNetObject(string argsJson)
    {
        using var args = JsonDocument.Parse(argsJson);
        foreach (var arg in args.RootElement.EnumerateArray())
        {
            if (arg.ValueKind == JsonValueKind.Object && arg.TryGetProperty("__dotNetObject", out var id))
            {
                return id.GetInt64();
            }
        }

        return null;
    }

    /// <summary>The start markers of the page's interactive server components, as blazor.web.js reads them from the comments.</summary>
    private static List<JsonElement> ServerMarkers(string html)
    {
        var markers = new List<JsonElement>();
        foreach (Match match in Marker().Matches(html))
        {
            using var marker = JsonDocument.Parse(match.Groups[1].Value);
            if (marker.RootElement.TryGetProperty("type", out var type) && type.GetString() == "server")
            {
                markers.Add(marker.RootElement.Clone());
            }
        }

        return markers.Count > 0 ? markers : throw new InvalidOperationException("The page has no interactive server component marker.");
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}
