using System.Collections.Concurrent;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Rfid;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Rfid;
using MediaBib.Testing;
using MediaBib.Web.Rfid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Desk;

/// <summary>A desk with an RFID pad: the pad agent (the simulator's client) on a real socket, the desk in chromium.</summary>
public sealed class RfidPadFlowTests(LiveAppFixture app)
{
    private const float Wait = 20_000;

    [Fact]
    public async Task Pad_TagsPlacedThenEmprunterTout_DeskShowsThemWarnsOfTheMissingCdLendsAllAndThePadUnsecuresEveryTag()
    {
        // Arrange: a book and a 2-CD set of one library, a patron, a librarian working there, and the desk's pad.
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("E2R")), "Médiathèque " + Unique.Code());
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        var category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        var type = new ItemType(Unique.Code("TYP"), "Livre");
        var book = new Record(RecordType.Book, "Le Rouge et le Noir " + Unique.Code());
        var album = new Record(RecordType.Book, "Les Quatre Saisons " + Unique.Code());
        var bookItem = new Item(book.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        var albumItem = new Item(album.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("C")), "Julien", "Sorel", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, category, type, book, album, patron, bookItem, albumItem);
            await db.SaveChangesAsync(ct);
        }

        var userName = Unique.Code("cir").ToLowerInvariant();
        await app.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test Circulation", StaffRoles.Circulation, LiveAppFixture.Password, library.Id), ct);
        var pad = (await app.Services.GetRequiredService<RfidPadAdmin>()
            .CreateAsync(new Actor(ActorKind.Staff, "admin-e2e"), library.Id, "Banque de prêt 1", ct)).Value!;
        await using var agent = new RfidPadClient(new Uri(app.BaseUrl), pad.Key);
        var unsecured = new ConcurrentQueue<RfidTag>();
        agent.SecurityChanged += (tag, on) =>
        {
            if (!on)
            {
                unsecured.Enqueue(tag);
            }
        };
        await agent.StartAsync(ct);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);
        await shell.OpenAsync("Prêt");
        var checkout = new CheckoutDeskPage(page);
        await checkout.SelectPatronAsync(patron.CardNumber.Value);
        var panel = page.GetByTestId("rfid-panel");
        await Assertions.Expect(panel.GetByTestId("rfid-state")).ToHaveAttributeAsync("data-connected", "true", new() { Timeout = Wait });

        // Act: the book and CD 1 of 2 are put on the pad.
        var bookTag = await agent.PlaceAsync(bookItem.Barcode.Value, ct: ct);
        var cd1 = await agent.PlaceAsync(albumItem.Barcode.Value, 1, 2, ct: ct);

        // Assert: both appear with their titles, and the missing CD is announced.
        await Assertions.Expect(RfidRow(page, bookItem)).ToContainTextAsync(book.Title, new() { Timeout = Wait });
        await Assertions.Expect(RfidRow(page, albumItem)).ToContainTextAsync(album.Title, new() { Timeout = Wait });
        await Assertions.Expect(panel.GetByTestId("rfid-incomplete"))
            .ToHaveTextAsync($"Lot incomplet : {album.Title} ({albumItem.Barcode.Value}), partie 2 sur 2 manquante", new() { Timeout = Wait });

        // Act: CD 2 joins, then « Emprunter tout ».
        var cd2 = await agent.PlaceAsync(albumItem.Barcode.Value, 2, 2, ct: ct);
        await Assertions.Expect(panel.GetByTestId("rfid-incomplete")).ToHaveCountAsync(0, new() { Timeout = Wait });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Emprunter tout" }).ClickAsync();

        // Assert: both lent in the desk's own list, the pad told to clear the three tags, the panel shows it.
        try
        {
            foreach (var item in new[] { bookItem, albumItem })
            {
                await Assertions.Expect(checkout.Line(item.Barcode.Value)).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
                await Assertions.Expect(RfidRow(page, item)).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
                await Assertions.Expect(RfidRow(page, item)).ToHaveAttributeAsync("data-security", "off", new() { Timeout = Wait });
                await Assertions.Expect(RfidRow(page, item)).ToContainTextAsync("Retour le", new() { Timeout = Wait });
            }
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-rfid-failure.png"), FullPage = true });
            throw;
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-rfid.png"), FullPage = true });
        Assert.Equal(
            new[] { bookTag.Uid, cd1.Uid, cd2.Uid }.Order(StringComparer.Ordinal),
            unsecured.Select(t => t.Uid).Order(StringComparer.Ordinal));
        Assert.All(agent.Tags, t => Assert.False(t.SecurityOn));
        await using (var db = app.Database.CreateContext())
        {
            var itemIds = new[] { bookItem.Id, albumItem.Id };
            Assert.Equal(2, await db.Loans.CountAsync(l => itemIds.Contains(l.ItemId) && l.PatronId == patron.Id && l.ReturnedAt == null, ct));
        }

        await page.Context.CloseAsync();
    }

    private static ILocator RfidRow(IPage page, Item item) =>
        page.Locator($"[data-testid=rfid-item][data-barcode='{item.Barcode.Value}']");
}
