using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Pages;

public sealed class AuditLogPage(IPage page)
{
    public async Task FilterByUserAsync(string userName)
    {
        await page.GetByLabel("Utilisateur", new() { Exact = true }).FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
    }

    public ILocator Rows => page.GetByRole(AriaRole.Row);
}
