using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Pages;

/// <summary>The layout around every staff page: app bar and navigation drawer.</summary>
public sealed class StaffShell(IPage page)
{
    public IPage Page => page;

    private ILocator Menu => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });

    /// <summary>Clicking during prerender does nothing: wait until the circuit has taken over the page.</summary>
    public Task WaitForInteractivityAsync() =>
        page.Locator("[data-testid=circuit][data-state=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task<IReadOnlyList<string>> MenuEntriesAsync()
    {
        await Menu.GetByRole(AriaRole.Link).First.WaitForAsync();
        return [.. (await Menu.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim())];
    }

    public async Task OpenAsync(string menuEntry)
    {
        await Menu.GetByRole(AriaRole.Link, new() { Name = menuEntry, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = menuEntry }).WaitForAsync();
    }

    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");
    }
}
