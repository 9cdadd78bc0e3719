using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
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
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Desk;

public sealed class DeskFlowTests(LiveAppFixture app)
{
    /// <summary>Each scan is a few database round trips; on a loaded 2-core machine 5 s (Playwright's default) is short.</summary>
    private const float Wait = 20_000;

    [Fact]
    public async Task Circulation_ChecksOutTwoItemsByTypingThenChecksThemIn_SeesDueDatesAndShelfInstruction()
    {
        // Arrange: a library of its own, two items of one record, a patron, and a desk librarian working there.
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("E2D")), "Médiathèque " + Unique.Code());
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        var category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        var type = new ItemType(Unique.Code("TYP"), "Livre");
        var record = new Record(RecordType.Book, "Notre-Dame de Paris " + Unique.Code());
        var items = Enumerable.Range(0, 2).Select(_ => new Item(record.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()))).ToList();
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("C")), "Esmeralda", "Gitane", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, category, type, record, patron);
            db.Items.AddRange(items);
            await db.SaveChangesAsync(ct);
        }

        var userName = Unique.Code("cir").ToLowerInvariant();
        await app.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test Circulation", StaffRoles.Circulation, LiveAppFixture.Password, library.Id), ct);
        var barcodes = items.Select(i => i.Barcode.Value).ToArray();
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);

        // Act: checkout, both barcodes typed one after the other without waiting.
        await shell.OpenAsync("Prêt");
        var checkout = new CheckoutDeskPage(page);
        await checkout.SelectPatronAsync(patron.CardNumber.Value);
        await Assertions.Expect(checkout.Patron).ToContainTextAsync("GITANE Esmeralda", new() { Timeout = Wait });
        await checkout.ScanAsync(barcodes);

        // Assert: each line lent with its due date, and the cursor is back in the barcode field.
        Dictionary<string, string> due;
        try
        {
            foreach (var barcode in barcodes)
            {
                await Assertions.Expect(checkout.Line(barcode)).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
            }
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-failure.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "mediabib-desk-failure.html"), await page.ContentAsync(), ct);
            throw;
        }

        await using (var db = app.Database.CreateContext())
        {
            var itemIds = items.Select(i => i.Id).ToList();
            var loans = await db.Loans.Where(l => itemIds.Contains(l.ItemId) && l.ReturnedAt == null).ToListAsync(ct);
            Assert.Equal(2, loans.Count);
            due = loans.ToDictionary(
                l => items.Single(i => i.Id == l.ItemId).Barcode.Value,
                l => LibraryTime.ToLocal(l.DueAt).ToString("dd/MM/yyyy", CultureInfo.GetCultureInfo("fr-FR")));
        }

        foreach (var barcode in barcodes)
        {
            await Assertions.Expect(checkout.Line(barcode)).ToContainTextAsync($"Retour le {due[barcode]}", new() { Timeout = Wait });
            await Assertions.Expect(checkout.Line(barcode)).ToContainTextAsync(record.Title, new() { Timeout = Wait });
        }

        await Assertions.Expect(checkout.ItemField).ToBeFocusedAsync(new() { Timeout = Wait });

        // Act: checkin of both.
        await shell.OpenAsync("Retour");
        var checkin = new CheckinDeskPage(page);
        await checkin.ScanAsync(barcodes);

        // Assert
        foreach (var barcode in barcodes)
        {
            await Assertions.Expect(checkin.Line(barcode)).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
            await Assertions.Expect(checkin.Line(barcode)).ToContainTextAsync("Ranger en rayon", new() { Timeout = Wait });
        }

        await Assertions.Expect(checkin.Field).ToBeFocusedAsync(new() { Timeout = Wait });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-desk-checkin.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
