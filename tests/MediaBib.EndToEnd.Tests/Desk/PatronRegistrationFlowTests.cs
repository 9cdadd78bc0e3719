using System.Text.RegularExpressions;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Desk;

public sealed class PatronRegistrationFlowTests(LiveAppFixture app)
{
    private const float Wait = 20_000;

    [Fact]
    public async Task Circulation_RegistersAPatronFromTheKeyboard_LandsOnTheNewFileWithAGeneratedCard()
    {
        // Arrange: a library of its own with a category, and a desk librarian working there.
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("E2R")), "Médiathèque " + Unique.Code());
        var category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, category);
            await db.SaveChangesAsync(ct);
        }

        var userName = Unique.Code("cir").ToLowerInvariant();
        await app.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test Circulation", StaffRoles.Circulation, LiveAppFixture.Password, library.Id), ct);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);
        var lastName = "Hugo" + Unique.Code("X").ToLowerInvariant();

        // Act: open the form from the menu, type the names and the birth date, Enter submits.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Inscription", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Inscription" }).WaitForAsync();
        await Assertions.Expect(page.GetByTestId("patron-card")).ToBeFocusedAsync(new() { Timeout = Wait });
        await page.GetByTestId("patron-last-name").FillAsync(lastName);
        await page.GetByTestId("patron-first-name").FillAsync("Adèle");
        await page.GetByTestId("patron-birth-date").FillAsync("16/08/1830");
        await page.GetByTestId("patron-birth-date").PressAsync("Enter");

        // Assert
        await page.WaitForURLAsync(new Regex("/desk/patrons/[0-9a-f-]{36}$"), new() { Timeout = Wait });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{lastName.ToUpperInvariant()} Adèle", new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-registration.png"), FullPage = true });
        await using var check = app.Database.CreateContext();
        var patron = await check.Patrons.SingleAsync(p => p.LastName == lastName, ct);
        Assert.Matches("^C[0-9]{8}$", patron.CardNumber.Value);
        Assert.Equal(library.Id, patron.HomeLibraryId);
        Assert.Equal(new DateOnly(1830, 8, 16), patron.BirthDate);
        await page.Context.CloseAsync();
    }
}
