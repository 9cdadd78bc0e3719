using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace MediaBib.Bench.Desk;

/// <summary>
/// N desks in N browser contexts of Debian's chromium, each a Blazor circuit on one web node, each on the checkout
/// page of its own patron. Memory per idle circuit comes from the node's bench-only diagnostics endpoint (managed heap
/// after a forced full GC, and RSS) with and without the N circuits; then every desk scans at a scanner's pace and
/// the page itself times Enter → answer line.
/// </summary>
internal static class DeskBench
{
    private static readonly string Scanner = ReadScanner();

    public static async Task<int> RunAsync(DeskBenchOptions o)
    {
        var perDesk = (int)Math.Ceiling(o.Seconds * 1000.0 / o.MinGapMs) + 5;
        var data = await DeskSetup.CreateAsync(o.ConnectionString, o.Circuits + 1, Math.Max(perDesk, 40));
        using var http = new HttpClient { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromMinutes(2) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = o.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        var session = await SignInAsync(browser, o, data);

        // Warm-up desk (JIT, pools, caches); it stays open, so the baseline has one circuit.
        var warm = await OpenDeskAsync(browser, o, session, data.Cards[o.Circuits]);
        await ScanAsync([warm], [data.Shelves[o.Circuits]], 200, 300, 8);
        await Task.Delay(2000);
        var before = await DiagnosticsAsync(http);

        var pages = new List<IPage>();
        for (var d = 0; d < o.Circuits; d++)
        {
            pages.Add(await OpenDeskAsync(browser, o, session, data.Cards[d]));
        }

        await Task.Delay(5000);
        var idle = await DiagnosticsAsync(http);
        var opened = idle.Circuits - before.Circuits;
        var kbPerCircuit = (idle.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, opened);
        var rssKbPerCircuit = (idle.RssBytes - before.RssBytes) / 1024.0 / Math.Max(1, opened);
        Console.WriteLine(Invariant($"desk-idle: circuits_before={before.Circuits} circuits_idle={idle.Circuits} connected={idle.Connected} managed_kb_before={before.ManagedBytes / 1024} managed_kb_idle={idle.ManagedBytes / 1024} rss_kb_before={before.RssBytes / 1024} rss_kb_idle={idle.RssBytes / 1024}"));

        var webCpu0 = MediaBib.Bench.CpuMeter.TreeSeconds(o.WebPid);
        var browserCpu0 = MediaBib.Bench.CpuMeter.TreeSeconds(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        var result = await ScanAsync(pages, data.Shelves.Take(o.Circuits).ToList(), o.MinGapMs, o.MaxGapMs, o.Seconds);
        var wall = clock.Elapsed.TotalSeconds;
        var webCpu = (MediaBib.Bench.CpuMeter.TreeSeconds(o.WebPid) - webCpu0) / wall * 100;
        var browserCpu = (MediaBib.Bench.CpuMeter.TreeSeconds(Environment.ProcessId) - browserCpu0) / wall * 100;
        var after = await DiagnosticsAsync(http);

        var done = result.Done.Order().ToList();
        var acked = result.Acked.Order().ToList();
        Console.WriteLine(Invariant($"desk-scan: sent={result.Sent} answered={done.Count} unanswered={result.Unanswered} lent={result.Lent} refused={result.Refused} failed={result.Failed} scans_per_s={done.Count / wall:F1} ack_p50_ms={P(acked, 50):F1} ack_p95_ms={P(acked, 95):F1} scan_p50_ms={P(done, 50):F1} scan_p95_ms={P(done, 95):F1} scan_p99_ms={P(done, 99):F1} scan_max_ms={P(done, 100):F1} web_cpu_pct={webCpu:F0} browser_and_driver_cpu_pct={browserCpu:F0} cores={Environment.ProcessorCount}"));
        Console.WriteLine(Invariant($"desk-after-scans: circuits={after.Circuits} managed_kb={after.ManagedBytes / 1024} rss_kb={after.RssBytes / 1024} kb_per_circuit_after_scans={(after.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, opened):F0}"));
        Console.WriteLine(Invariant($"desk: circuits={opened} scan_p50_ms={P(done, 50):F1} scan_p95_ms={P(done, 95):F1} kb_per_idle_circuit={kbPerCircuit:F0} rss_kb_per_idle_circuit={rssKbPerCircuit:F0} scan_p99_ms={P(done, 99):F1} scans={done.Count} unanswered={result.Unanswered} web_cpu_pct={webCpu:F0} browser_cpu_pct={browserCpu:F0}"));
        return result.Unanswered == 0 ? 0 : 1;
    }

    private static async Task<BrowserNewContextOptions> SignInAsync(IBrowser browser, DeskBenchOptions o, DeskData data)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = o.Url, Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Identifiant").FillAsync(data.UserName);
        await page.GetByLabel("Mot de passe").FillAsync(data.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return new BrowserNewContextOptions { BaseURL = o.Url, Locale = "fr-FR", StorageState = state };
    }

    /// <summary>A desk: its own context (cookies shared from one sign-in), the checkout page with its patron selected.</summary>
    private static async Task<IPage> OpenDeskAsync(IBrowser browser, DeskBenchOptions o, BrowserNewContextOptions session, string card)
    {
        var context = await browser.NewContextAsync(session);
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/desk/checkout");
        var patronField = page.Locator("[data-testid=patron-field][data-ready=true]");
        await patronField.FillAsync(card);
        await patronField.PressAsync("Enter");
        await page.Locator("[data-testid=item-field][data-ready=true]").WaitForAsync();
        return page;
    }

    private static async Task<ScanResult> ScanAsync(IReadOnlyList<IPage> pages, IReadOnlyList<List<string>> shelves, int minGapMs, int maxGapMs, int seconds)
    {
        await Task.WhenAll(pages.Select((page, d) => page.EvaluateAsync(Scanner, new
        {
            barcodes = shelves[d],
            minGapMs,
            maxGapMs,
            durationMs = seconds * 1000,
            startDelayMs = Random.Shared.Next(0, maxGapMs),
        })));
        await Task.Delay(TimeSpan.FromSeconds(seconds + 2));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> states;
        do
        {
            await Task.Delay(500);
            states = [.. await Task.WhenAll(pages.Select(p => p.EvaluateAsync<JsonElement>(
                "() => { const s = window.__deskBench; return { finished: s.finished, pending: s.pending.size, sent: s.sent, done: s.done, acked: s.acked, lent: s.statuses.Done || 0, refused: s.statuses.Refused || 0, failed: s.statuses.Failed || 0 }; }")))];
        }
        while (DateTime.UtcNow < deadline && states.Any(s => !s.GetProperty("finished").GetBoolean() || s.GetProperty("pending").GetInt32() > 0));

        int Sum(string name) => states.Sum(s => (int)s.GetProperty(name).GetDouble());
        return new ScanResult(
            Sum("sent"),
            Sum("pending"),
            [.. states.SelectMany(s => s.GetProperty("done").EnumerateArray().Select(v => v.GetDouble()))],
            [.. states.SelectMany(s => s.GetProperty("acked").EnumerateArray().Select(v => v.GetDouble()))],
            Sum("lent"), Sum("refused"), Sum("failed"));
    }

    private static async Task<Diagnostics> DiagnosticsAsync(HttpClient http) =>
        await http.GetFromJsonAsync<Diagnostics>("/bench/diagnostics", new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("No diagnostics (is Bench__Diagnostics=true on the web node?).");

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string ReadScanner()
    {
        using var stream = typeof(DeskBench).Assembly.GetManifestResourceStream("scanner.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Diagnostics(int Circuits, int Connected, long ManagedBytes, long RssBytes);

    private sealed record ScanResult(int Sent, int Unanswered, List<double> Done, List<double> Acked, int Lent, int Refused, int Failed);
}
