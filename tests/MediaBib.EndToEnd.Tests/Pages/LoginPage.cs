using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Pages;

/// <summary>The staff sign-in page (static, no circuit).</summary>
public sealed class LoginPage(IPage page)
{
    public async Task<StaffShell> SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Identifiant").FillAsync(userName);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var shell = new StaffShell(page);
        await shell.WaitForInteractivityAsync();
        return shell;
    }
}
