using Deque.AxeCore.Playwright;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.Testing;
using Microsoft.Playwright;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Opac;

/// <summary>
/// A reader, not signed in, uses the public catalogue in chromium: home, search results, record page. axe-core runs
/// on each page (WCAG 2.x A/AA rules) and any serious or critical violation fails the test.
/// </summary>
public sealed class OpacAccessibilityTests(LiveAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Marker, Record Record, Library Library)> CreateRecordAsync()
    {
        var marker = Unique.Code("E");
        await using var db = app.Database.CreateContext();
        var library = new Library(LibraryCode.From(Unique.Code("O")), $"Médiathèque du Port {marker}");
        library.AddSection(Unique.Code("S"), "Jeunesse");
        var author = new Author($"Anaïs Rivière-{marker}");
        var type = new ItemType(Unique.Code("T"), "Livre");
        var record = new Record(RecordType.Book, $"Le Phare des brumes {marker}");
        record.Describe(RecordType.Book, "Anaïs Rivière", null, null, 2019, "Éditions de l'Estuaire", "Nantes", null, null, "fre", null,
            "Une gardienne de phare et ses secrets.", null);
        record.AddAuthor(author, "070");
        db.AddRange(library, author, type, record);
        var item = new Item(record.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        item.Place(library.Sections.First().Id, null, "J RIV");
        db.Items.Add(item);
        await db.SaveChangesAsync(Ct);
        return (marker, record, library);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task Reader_SearchesAndOpensARecord_EveryPagePassesAxe()
    {
        var (marker, record, library) = await CreateRecordAsync();
        var page = await app.NewPageAsync();

        var home = await page.GotoAsync("/opac");
        Assert.Equal(200, home!.Status);
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await AssertNoSeriousViolationsAsync(page);

        // The skip link is hidden until focused, then visible, and it leads to the main content.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        await Assertions.Expect(skip).Not.ToBeInViewportAsync();
        await skip.FocusAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        Assert.EndsWith("/opac#contenu", await skip.GetAttributeAsync("href"), StringComparison.Ordinal);

        // Searching without accents, through the form (a plain GET, no script needed).
        await page.GetByLabel("Rechercher un titre, un auteur, un sujet, un ISBN").FillAsync($"phare brumes {marker.ToLowerInvariant()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await page.WaitForURLAsync("**/opac/recherche?q=*");
        var hit = page.GetByRole(AriaRole.Link, new() { Name = record.Title });
        await Assertions.Expect(hit).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Disponible à {library.Name} (1)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Affiner la recherche" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page);

        // A facet link narrows the list; the selected value is marked.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Type de document" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("a[aria-current=true]")).ToHaveCountAsync(1);
        await AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = record.Title }).ClickAsync();
        await page.WaitForURLAsync($"**/opac/notice/{record.Id:D}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(record.Title);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "J RIV" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page);

        // Hostile input still gives a page that explains itself, and stays accessible.
        await page.GotoAsync("/opac/recherche?q=" + Uri.EscapeDataString("\"<script>alert(1)</script> & ("));
        await Assertions.Expect(page.GetByText("Votre recherche a été adaptée :")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page);

        // A narrow phone screen: facets go under the results, nothing needs horizontal scrolling.
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync($"/opac/recherche?q={marker}");
        var wide = await page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            + ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ')");
        Assert.True(wide.Length == 0, "Wider than the screen: " + wide);
        await AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
