using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Testing;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Admin;

public sealed class AdminPagesTests(LiveAppFixture app)
{
    [Fact]
    public async Task Admin_OpensEveryMenuEntry_EachPageRunsInteractivelyWithoutError()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Admin);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(admin, LiveAppFixture.Password);

        foreach (var entry in (await shell.MenuEntriesAsync()).Skip(1))
        {
            await shell.OpenAsync(entry);
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_CreatesItemType_SeesItListedAndADuplicateRefusedInFrench()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Admin);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(admin, LiveAppFixture.Password);
        var code = Unique.Code("TY");
        await shell.OpenAsync("Types de document");

        await SaveItemTypeAsync(page, code, "Jeu de société");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = code })).ToHaveCountAsync(1);
        await SaveItemTypeAsync(page, code, "Jeu en double");

        await Assertions.Expect(page.GetByText("Ce code existe déjà")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = code })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    private static async Task SaveItemTypeAsync(IPage page, string code, string label)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Libellé", new() { Exact = true }).FillAsync(label);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
    }
}
