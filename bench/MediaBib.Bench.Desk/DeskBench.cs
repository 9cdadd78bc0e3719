using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MediaBib.Bench.Desk;

/// <summary>
/// N desks, each a Blazor Server circuit on one web node (<see cref="CircuitDesk"/>: the circuit protocol driven
/// without a browser), each on the checkout page of its own patron. Memory per idle circuit comes from the node's
/// bench-only diagnostics endpoint (managed heap after a forced full GC, and RSS) with and without the N circuits; then
/// every desk scans at a scanner's pace and times scan → render batch holding the answer.
/// </summary>
internal static partial class DeskBench
{
    public static async Task<int> RunAsync(DeskBenchOptions o)
    {
        var perDesk = (int)Math.Ceiling(o.Seconds * 1000.0 / o.MinGapMs) + 5;
        var data = await DeskSetup.CreateAsync(o.ConnectionString, o.Circuits + 2, Math.Max(perDesk, 40));
        using var http = new HttpClient { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromMinutes(2) };
        var cookies = await SignInAsync(o.Url, data);

        // Warm-up desk (JIT, pools, caches); it stays open, so the baseline has one circuit.
        var warm = await CircuitDesk.OpenAsync(o.Url, cookies, "warm-up", data.Cards[o.Circuits]);
        await ScanAsync([warm], [data.Shelves[o.Circuits]], 200, 300, 8);
        await Task.Delay(2000);
        var before = await DiagnosticsAsync(http);

        var desks = new List<CircuitDesk>();
        for (var d = 0; d < o.Circuits; d++)
        {
            desks.Add(await CircuitDesk.OpenAsync(o.Url, cookies, d.ToString(CultureInfo.InvariantCulture), data.Cards[d]));
        }

        await Task.Delay(5000);
        var idle = await DiagnosticsAsync(http);
        var opened = idle.Circuits - before.Circuits;
        var kbPerCircuit = (idle.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, opened);
        var rssKbPerCircuit = (idle.RssBytes - before.RssBytes) / 1024.0 / Math.Max(1, opened);
        Console.WriteLine(Invariant($"desk-idle: circuits_before={before.Circuits} circuits_idle={idle.Circuits} connected={idle.Connected} managed_kb_before={before.ManagedBytes / 1024} managed_kb_idle={idle.ManagedBytes / 1024} rss_kb_before={before.RssBytes / 1024} rss_kb_idle={idle.RssBytes / 1024}"));

        // One desk in a real browser scans beside them (its circuit opens after the idle measurement).
        await using var browser = o.Chromium is { } chromium && File.Exists(chromium)
            ? await BrowserDesk.OpenAsync(o.Url, cookies, data.Cards[o.Circuits + 1], chromium)
            : null;
        if (browser is null)
        {
            Console.WriteLine($"desk: no browser desk ({o.Chromium ?? "--browser 0"})");
        }

        var webCpu0 = MediaBib.Bench.CpuMeter.TreeSeconds(o.WebPid);
        var driverCpu0 = MediaBib.Bench.CpuMeter.TreeSeconds(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        if (browser is not null)
        {
            await browser.StartAsync(data.Shelves[o.Circuits + 1], o.MinGapMs, o.MaxGapMs, o.Seconds);
        }

        await ScanAsync(desks, data.Shelves.Take(o.Circuits).ToList(), o.MinGapMs, o.MaxGapMs, o.Seconds);
        var (browserAnswers, browserUnanswered) = browser is null ? ([], 0) : await browser.ResultAsync();
        var wall = clock.Elapsed.TotalSeconds;
        var webCpu = (MediaBib.Bench.CpuMeter.TreeSeconds(o.WebPid) - webCpu0) / wall * 100;
        var driverCpu = (MediaBib.Bench.CpuMeter.TreeSeconds(Environment.ProcessId) - driverCpu0) / wall * 100;
        var after = await DiagnosticsAsync(http);

        var done = desks.SelectMany(d => d.Answers).Order().ToList();
        var lines = desks.SelectMany(d => d.Lines).Order().ToList();
        var inBrowser = browserAnswers.Order().ToList();
        var sent = desks.Sum(d => d.Sent);
        var unanswered = desks.Sum(d => d.Unanswered);
        var failedCircuits = desks.Count(d => d.Error is not null);
        var unmatched = desks.Sum(d => d.Unmatched);
        Console.WriteLine(Invariant($"desk-scan: sent={sent} answered={done.Count} unanswered={unanswered} lent={desks.Sum(d => d.Lent)} refused={desks.Sum(d => d.Refused)} failed={desks.Sum(d => d.Failed)} circuit_errors={failedCircuits} unmatched_renders={unmatched} scans_per_s={done.Count / wall:F1} line_p50_ms={P(lines, 50):F1} line_p95_ms={P(lines, 95):F1} scan_p50_ms={P(done, 50):F1} scan_p95_ms={P(done, 95):F1} scan_p99_ms={P(done, 99):F1} scan_max_ms={P(done, 100):F1} browser_scans={inBrowser.Count} browser_unanswered={browserUnanswered} browser_scan_p50_ms={P(inBrowser, 50):F1} browser_scan_p95_ms={P(inBrowser, 95):F1} web_cpu_pct={webCpu:F0} driver_and_browser_cpu_pct={driverCpu:F0} cores={Environment.ProcessorCount}"));
        Console.WriteLine(Invariant($"desk-after-scans: circuits={after.Circuits} managed_kb={after.ManagedBytes / 1024} rss_kb={after.RssBytes / 1024} kb_per_circuit_after_scans={(after.ManagedBytes - before.ManagedBytes) / 1024.0 / Math.Max(1, opened):F0}"));
        Console.WriteLine(Invariant($"desk: circuits={opened} scan_p50_ms={P(done, 50):F1} scan_p95_ms={P(done, 95):F1} kb_per_idle_circuit={kbPerCircuit:F0} rss_kb_per_idle_circuit={rssKbPerCircuit:F0} scan_p99_ms={P(done, 99):F1} scans={done.Count} unanswered={unanswered} browser_scan_p50_ms={P(inBrowser, 50):F1} browser_scan_p95_ms={P(inBrowser, 95):F1} web_cpu_pct={webCpu:F0} driver_and_browser_cpu_pct={driverCpu:F0}"));
        foreach (var desk in desks.Append(warm))
        {
            await desk.DisposeAsync();
        }

        return unanswered == 0 && browserUnanswered == 0 && unmatched == 0 && failedCircuits == 0 && sent > 0 ? 0 : 1;
    }

    /// <summary>Signs the bench librarian in through the sign-in form (antiforgery token included); the cookie is shared by every desk.</summary>
    private static async Task<CookieContainer> SignInAsync(string url, DeskData data)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var page = await http.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["UserName"] = data.UserName,
            ["Password"] = data.Password,
            ["ReturnUrl"] = "/desk/checkout",
        }));
        var location = response.Headers.Location?.ToString() ?? "";
        if ((int)response.StatusCode / 100 != 3 || location.Contains("error=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {location}");
        }

        return cookies;
    }

    /// <summary>Every desk scans its shelf at a scanner's pace (a random gap between two scans) for the given time, then waits for the last answers.</summary>
    private static async Task ScanAsync(IReadOnlyList<CircuitDesk> desks, IReadOnlyList<List<string>> shelves, int minGapMs, int maxGapMs, int seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(desks.Select(async (desk, d) =>
        {
            await Task.Delay(Random.Shared.Next(0, maxGapMs));
            foreach (var barcode in shelves[d])
            {
                if (Stopwatch.GetTimestamp() >= until)
                {
                    break;
                }

                await desk.ScanAsync(barcode);
                await Task.Delay(Random.Shared.Next(minGapMs, maxGapMs + 1));
            }
        }));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && desks.Any(d => d.Unanswered > 0))
        {
            await Task.Delay(100);
        }
    }

    private static async Task<Diagnostics> DiagnosticsAsync(HttpClient http) =>
        await http.GetFromJsonAsync<Diagnostics>("/bench/diagnostics", new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("No diagnostics (is Bench__Diagnostics=true on the web node?).");

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();

    private sealed record Diagnostics(int Circuits, int Connected, long ManagedBytes, long RssBytes);
}
