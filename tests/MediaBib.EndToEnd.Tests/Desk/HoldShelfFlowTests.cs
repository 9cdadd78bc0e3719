using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Desk;

public sealed class HoldShelfFlowTests(LiveAppFixture app)
{
    private const float Wait = 20_000;

    [Fact]
    public async Task Circulation_ChecksInAHeldItem_FindsItOnTheHoldShelfAndInTheItemLookup()
    {
        // Arrange: a patron holds a title of this library; its only item is on the shelf.
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("E2H")), "Médiathèque " + Unique.Code());
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        var category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        var type = new ItemType(Unique.Code("TYP"), "Livre");
        var record = new Record(RecordType.Book, "Les Travailleurs de la mer " + Unique.Code());
        var item = new Item(record.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("C")), "Gilliatt", "Lethierry", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, category, type, record, item, patron);
            await db.SaveChangesAsync(ct);
        }

        var actor = new Actor(ActorKind.Staff, "e2e", null, library.Id);
        Assert.True((await app.Services.GetRequiredService<HoldService>().PlaceAsync(actor, patron.Id, record.Id, library.Id, ct: ct)).Succeeded);
        var userName = Unique.Code("cir").ToLowerInvariant();
        await app.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test Circulation", StaffRoles.Circulation, LiveAppFixture.Password, library.Id), ct);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);

        // Act: check the item in; the instruction offers the hold slip.
        await shell.OpenAsync("Retour");
        var checkin = new CheckinDeskPage(page);
        await checkin.ScanAsync(item.Barcode.Value);
        await Assertions.Expect(checkin.Line(item.Barcode.Value).GetByTestId("checkin-slip")).ToBeVisibleAsync(new() { Timeout = Wait });

        // Assert: the hold shelf lists it for the patron.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Réservations", Exact = true }).ClickAsync();
        var line = page.GetByTestId("shelf-line");
        await Assertions.Expect(line).ToContainTextAsync("LETHIERRY Gilliatt", new() { Timeout = Wait });
        await Assertions.Expect(line).ToContainTextAsync(item.Barcode.Value, new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-holds.png"), FullPage = true });

        // Assert: the item lookup by barcode shows it on the hold shelf with the patron in the queue.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Documents", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=item-search][data-ready=true]").WaitForAsync();
        await page.GetByTestId("item-search").PressSequentiallyAsync(item.Barcode.Value);
        await page.GetByTestId("item-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("item-status")).ToContainTextAsync("Sur l'étagère des réservations", new() { Timeout = Wait });
        await Assertions.Expect(page.GetByTestId("item-holds")).ToContainTextAsync("LETHIERRY Gilliatt", new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-item.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
