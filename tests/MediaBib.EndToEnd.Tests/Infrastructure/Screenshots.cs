using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Screenshots of the main screens: saved as PNG files (in <c>MB_E2E_SCREENSHOTS</c>, else the temp folder's
/// <c>mediabib-e2e</c>) and attached to the test's result, so a run's report carries them.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("MB_E2E_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(Path.GetTempPath(), "mediabib-e2e");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var bytes = await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
        TestContext.Current.AddAttachment(name, bytes, "image/png");
    }
}
