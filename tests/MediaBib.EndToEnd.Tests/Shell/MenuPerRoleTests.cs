using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;

namespace MediaBib.EndToEnd.Tests.Shell;

/// <summary>Each role signs in through the browser and sees the menu its permissions allow, in French.</summary>
public sealed class MenuPerRoleTests(LiveAppFixture app)
{
    [Theory]
    [InlineData(StaffRoles.Admin, new[] { "Accueil", "Prêt", "Retour", "Lecteurs", "Inscription", "Documents", "Réservations", "Notices", "Nouvelle notice", "Copie de notices", "Import de notices", "Bibliothèques", "Catégories de lecteurs", "Types de document", "Règles de prêt", "Bornes SIP2", "Platines RFID", "Comptes du personnel", "Jetons API", "Journal d'audit", "Niveaux de relance", "Modèles d'avis", "Tâches planifiées" })]
    [InlineData(StaffRoles.Cataloguer, new[] { "Accueil", "Notices", "Nouvelle notice", "Copie de notices", "Import de notices" })]
    [InlineData(StaffRoles.Circulation, new[] { "Accueil", "Prêt", "Retour", "Lecteurs", "Inscription", "Documents", "Réservations" })]
    public async Task SignIn_Role_ShowsItsMenu(string role, string[] expected)
    {
        var userName = await app.CreateStaffAsync(role);
        var page = await app.NewPageAsync();

        var shell = await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);
        var entries = await shell.MenuEntriesAsync();

        Assert.Equal(expected, entries);
        Assert.Equal($"Test {role}", (await page.GetByTestId("user-name").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_ReturnsToSignInAndClosesTheSession()
    {
        var userName = await app.CreateStaffAsync(StaffRoles.Circulation);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);

        await shell.SignOutAsync();
        await page.GotoAsync("/");

        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
