using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Testing;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Admin;

public sealed class LibraryAdministrationFlowTests(LiveAppFixture app)
{
    [Fact]
    public async Task Admin_CreatesLibraryAndClosedDay_SeesThemInTheAuditLog()
    {
        // Arrange
        var admin = await app.CreateStaffAsync(StaffRoles.Admin);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(admin, LiveAppFixture.Password);
        var code = Unique.Code("E2E");
        var name = "Médiathèque " + code;

        // Act
        await shell.OpenAsync("Bibliothèques");
        var libraries = new LibrariesPage(page);
        await libraries.CreateAsync(code, name);
        await libraries.AddClosedDayAsync("2026-12-25", "Noël");
        await Assertions.Expect(libraries.ClosedDays).ToContainTextAsync("25 décembre 2026");
        await shell.OpenAsync("Journal d'audit");
        var audit = new AuditLogPage(page);
        await audit.FilterByUserAsync(admin);

        // Assert
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "Fermeture le 2026-12-25 ajoutée" })).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "Bibliothèque créée" })).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "login" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
