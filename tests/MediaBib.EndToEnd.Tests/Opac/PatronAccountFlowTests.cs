using Deque.AxeCore.Playwright;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Opac;

/// <summary>
/// A patron in chromium: searches, opens a record, signs in from it, places a hold with a pickup library, finds the
/// hold in the account while a librarian, in another browser with the patron's file open at the desk, sees the hold
/// appear without reloading; axe-core runs on the sign-in page and every account page (no serious or critical violation).
/// </summary>
public sealed class PatronAccountFlowTests(LiveAppFixture app)
{
    private const string Password = "mot-de-passe-e2e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Marker, Record Record, Library Library, Patron Patron)> CreateAsync()
    {
        var marker = Unique.Code("E");
        await using var db = app.Database.CreateContext();
        var library = new Library(LibraryCode.From(Unique.Code("O")), $"Bibliothèque des Capucins {marker}");
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        var category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        var type = new ItemType(Unique.Code("T"), "Livre");
        var record = new Record(RecordType.Book, $"La Bête humaine {marker}");
        record.Describe(RecordType.Book, "Émile Zola", null, null, 1890, "Charpentier", "Paris", null, null, "fre", null, null, null);
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("C")), "Marie", "Dupont", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        patron.UpdateContact(null, "marie.dupont@example.org", null, new Address("1 rue de la Gare", "35000", "Rennes"));
        db.AddRange(library, category, type, record, patron);
        db.Items.Add(new Item(record.Id, library.Id, type.Id, Barcode.From(Unique.Barcode())));
        await db.SaveChangesAsync(Ct);
        await app.Services.GetRequiredService<PatronCredentials>().SetPasswordAsync(new Actor(ActorKind.System, "e2e"), patron.Id, Password, Ct);
        return (marker, record, library, patron);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>A circulation librarian of the patron's library, signed in, with the patron's file open and live.</summary>
    private async Task<IPage> OpenPatronFileAtTheDeskAsync(Library library, Patron patron)
    {
        var userName = Unique.Code("cir").ToLowerInvariant();
        await app.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test Circulation", StaffRoles.Circulation, LiveAppFixture.Password, library.Id), Ct);
        var desk = await app.NewPageAsync();
        await new LoginPage(desk).SignInAsync(userName, LiveAppFixture.Password);
        await desk.GotoAsync($"/desk/patrons/{patron.Id:D}");
        await new StaffShell(desk).WaitForInteractivityAsync();
        await Assertions.Expect(desk.GetByTestId("patron-identity")).ToContainTextAsync(patron.CardNumber.Value);
        return desk;
    }

    [Fact]
    public async Task Patron_SearchesSignsInFromARecordPlacesAHoldAndSeesItInTheAccount()
    {
        var (marker, record, library, patron) = await CreateAsync();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/opac");
        await page.GetByLabel("Rechercher un titre, un auteur, un sujet, un ISBN").FillAsync($"bete humaine {marker.ToLowerInvariant()}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = record.Title }).ClickAsync();
        await page.WaitForURLAsync($"**/opac/notice/{record.Id:D}");

        // Not signed in: the record offers the sign-in, which brings the reader back here.
        await page.GetByRole(AriaRole.Link, new() { Name = "Connectez-vous pour réserver ce document" }).ClickAsync();
        await page.WaitForURLAsync("**/opac/connexion?returnUrl=*");
        await AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Numéro de carte").FillAsync(patron.CardNumber.Value);
        await page.GetByLabel("Mot de passe").FillAsync("pas le bon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Numéro de carte ou mot de passe incorrect.");
        await AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Numéro de carte").FillAsync(patron.CardNumber.Value);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync($"**/opac/notice/{record.Id:D}");

        // Meanwhile, at the desk (another browser, staff signed in), the patron's file is open with no hold yet.
        var desk = await OpenPatronFileAtTheDeskAsync(library, patron);
        await Assertions.Expect(desk.GetByTestId("hold-line")).ToHaveCountAsync(0);

        await page.GetByLabel("Bibliothèque de retrait").SelectOptionAsync(new SelectOptionValue { Label = library.Name });
        await AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Réserver" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("hold-result")).ToContainTextAsync("Réservation enregistrée : vous êtes n° 1 dans la file d'attente.");
        await Assertions.Expect(page.GetByTestId("hold-result")).ToBeFocusedAsync();

        // The desk hears the hold through the outbox and refreshes the open file (no reload of that page).
        var deskHold = desk.GetByTestId("hold-line");
        await Assertions.Expect(deskHold).ToContainTextAsync(record.Title, new() { Timeout = 20_000 });
        await Assertions.Expect(deskHold).ToContainTextAsync(library.Name);
        await desk.Context.CloseAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Voir mes réservations" }).ClickAsync();
        await page.WaitForURLAsync("**/opac/compte*");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon compte");
        var row = page.GetByTestId("hold-row");
        await Assertions.Expect(row).ToContainTextAsync(record.Title);
        await Assertions.Expect(row).ToContainTextAsync("En attente : n° 1 dans la file");
        await Assertions.Expect(row).ToContainTextAsync(library.Name);
        await AssertNoSeriousViolationsAsync(page);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Mon compte lecteur" });
        foreach (var (link, heading) in new[]
        {
            ("Historique de lecture", "Historique de lecture"),
            ("Avis", "Recevoir les avis de la bibliothèque"),
            ("Mes données personnelles", "Mes données personnelles"),
            ("Mot de passe", "Changer mon mot de passe"),
        })
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await Assertions.Expect(nav.Locator("a[aria-current=page]")).ToHaveTextAsync(link);
            await AssertNoSeriousViolationsAsync(page);
        }

        // Cancel from the account, on a phone-sized screen: nothing wider than the screen.
        await page.SetViewportSizeAsync(360, 740);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Prêts, réservations et amendes" }).ClickAsync();
        var wide = await page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => !e.closest('.opac-table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            + ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ')");
        Assert.True(wide.Length == 0, "Wider than the screen: " + wide);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Annuler la réservation de « {record.Title} »" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"La réservation de « {record.Title} » est annulée.");
        await AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vous êtes déconnecté.");
        await page.Context.CloseAsync();
    }
}
