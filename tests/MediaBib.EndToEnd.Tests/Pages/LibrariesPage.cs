using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Pages;

/// <summary>Administration of libraries: the list with its creation form, and one library's page.</summary>
public sealed class LibrariesPage(IPage page)
{
    public async Task CreateAsync(string code, string name)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la bibliothèque" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = name }).WaitForAsync();
    }

    public async Task AddClosedDayAsync(string isoDate, string reason)
    {
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(isoDate);
        await page.GetByLabel("Motif", new() { Exact = true }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la fermeture" }).ClickAsync();
    }

    public ILocator ClosedDays => page.GetByTestId("closed-days");
}
