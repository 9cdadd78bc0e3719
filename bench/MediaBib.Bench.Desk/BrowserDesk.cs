using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace MediaBib.Bench.Desk;

/// <summary>
/// One desk in Debian's chromium, scanning beside the circuit desks: it shows what a librarian's browser adds to the
/// circuit figure (applying the batch to the DOM). The page times Enter → answer line itself (scanner.js: a
/// MutationObserver and performance.now(), so no round trip to the driver is counted).
/// </summary>
internal sealed class BrowserDesk : IAsyncDisposable
{
    private static readonly string Scanner = ReadScanner();

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private BrowserDesk(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    public static async Task<BrowserDesk> OpenAsync(string url, CookieContainer cookies, string card, string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, Locale = "fr-FR" });
        await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url, HttpOnly = c.HttpOnly }));
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/desk/checkout");
        var patronField = page.Locator("[data-testid=patron-field][data-ready=true]");
        await patronField.FillAsync(card);
        await patronField.PressAsync("Enter");
        await page.Locator("[data-testid=item-field][data-ready=true]").WaitForAsync();
        return new BrowserDesk(playwright, browser, page);
    }

    /// <summary>Starts scanning in the page at a scanner's pace; returns at once.</summary>
    public Task StartAsync(IReadOnlyList<string> barcodes, int minGapMs, int maxGapMs, int seconds) =>
        _page.EvaluateAsync(Scanner, new { barcodes, minGapMs, maxGapMs, durationMs = seconds * 1000, startDelayMs = Random.Shared.Next(0, maxGapMs) });

    /// <summary>Waits (30 s at most) for the page to finish, then returns its answer times and its unanswered scans.</summary>
    public async Task<(List<double> Answers, int Unanswered)> ResultAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement state;
        do
        {
            await Task.Delay(250);
            state = await _page.EvaluateAsync<JsonElement>("() => { const s = window.__deskBench; return { finished: s.finished, pending: s.pending.size, done: s.done }; }");
        }
        while (DateTime.UtcNow < deadline && (!state.GetProperty("finished").GetBoolean() || state.GetProperty("pending").GetInt32() > 0));

        return ([.. state.GetProperty("done").EnumerateArray().Select(v => v.GetDouble())], state.GetProperty("pending").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string ReadScanner()
    {
        using var stream = typeof(BrowserDesk).Assembly.GetManifestResourceStream("scanner.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
