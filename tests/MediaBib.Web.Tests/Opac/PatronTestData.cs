using System.Net;
using System.Text.RegularExpressions;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Web.Tests.Opac;

/// <summary>
/// A library of its own (open every day) with two single-copy records and a patron who has an OPAC password; helpers
/// to sign in as a browser does and to post the account pages' forms.
/// </summary>
internal sealed partial class PatronTestData
{
    public const string Password = "mot-de-passe-lecteur";

    private PatronTestData(WebAppFixture app) => App = app;

    public WebAppFixture App { get; }

    public Library Library { get; private set; } = null!;

    public PatronCategory Category { get; private set; } = null!;

    public ItemType ItemType { get; private set; } = null!;

    public List<(Record Record, Item Item)> Titles { get; } = [];

    public Patron Patron { get; private set; } = null!;

    public static Actor Desk { get; } = new(ActorKind.Staff, "test-desk");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PatronTestData> CreateAsync(WebAppFixture app)
    {
        var data = new PatronTestData(app);
        var marker = Unique.Code("P");
        await using (var db = app.Database.CreateContext())
        {
            data.Library = new Library(LibraryCode.From(Unique.Code("PAT")), $"Médiathèque Colette {marker}");
            data.Library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
            data.Category = new PatronCategory(Unique.Code("CAT"), "Adulte");
            data.ItemType = new ItemType(Unique.Code("TYP"), "Livre");
            db.AddRange(data.Library, data.Category, data.ItemType);
            foreach (var title in new[] { "Le Ventre de Paris", "La Curée" })
            {
                var record = new Record(RecordType.Book, $"{title} {marker}");
                var item = new Item(record.Id, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
                db.AddRange(record, item);
                data.Titles.Add((record, item));
            }

            await db.SaveChangesAsync(Ct);
        }

        data.Patron = await data.AddPatronAsync("Élise", "Martin");
        return data;
    }

    public async Task<Patron> AddPatronAsync(string firstName, string lastName, Action<Patron>? change = null)
    {
        var patron = new Patron(Library.Id, Category.Id, CardNumber.From(Unique.Code("C")), firstName, lastName, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        patron.UpdateContact(null, "elise.martin@example.org", "06 12 34 56 78", new Address("5 rue des Lilas", "35000", "Rennes"));
        change?.Invoke(patron);
        await using (var db = App.Database.CreateContext())
        {
            db.Patrons.Add(patron);
            await db.SaveChangesAsync(Ct);
        }

        await App.Services.GetRequiredService<PatronCredentials>().SetPasswordAsync(Desk, patron.Id, Password, Ct);
        return patron;
    }

    /// <summary>Lends the title's copy to the patron through the desk engine; returns the loan id.</summary>
    public async Task<Guid> LendAsync(Patron patron, int title = 0)
    {
        var outcome = await App.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(Desk, Library.Id, patron.CardNumber.Value, Titles[title].Item.Barcode.Value, ct: Ct);
        Assert.True(outcome.Succeeded, string.Join(", ", outcome.Refusals));
        return outcome.Value!.LoanId;
    }

    public async Task<Guid> HoldAsync(Patron patron, int title = 0)
    {
        var outcome = await App.Services.GetRequiredService<HoldService>().PlaceAsync(Desk, patron.Id, Titles[title].Record.Id, Library.Id, ct: Ct);
        Assert.True(outcome.Succeeded, string.Join(", ", outcome.Refusals));
        return outcome.Value!.HoldId;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string card, string password, string? returnUrl = null)
    {
        var token = await SignIn.AntiforgeryTokenAsync(client, "/opac/connexion");
        return await client.PostAsync("/opac/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CardNumber"] = card,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl ?? "",
        }), Ct);
    }

    /// <summary>A client (cookies kept, redirects not followed) signed in as <paramref name="patron"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(Patron? patron = null)
    {
        var client = App.CreateClient();
        var response = await SignInAsync(client, (patron ?? Patron).CardNumber.Value, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/opac/compte", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts one of a page's Blazor forms (<c>_handler</c> = its form name) with the page's antiforgery token.</summary>
    public static async Task<string> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var token = await SignIn.AntiforgeryTokenAsync(client, page);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
        var response = await client.PostAsync(page, new FormUrlEncodedContent(form), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {page} ({handler}) gave {(int)response.StatusCode}: {html[..Math.Min(800, html.Length)]}");
        return Text(html);
    }

    public static async Task<string> GetPageAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page} gave {(int)response.StatusCode}: {html[..Math.Min(800, html.Length)]}");
        return Text(html);
    }

    /// <summary>The page's text with entities decoded and runs of white space (narrow no-break spaces included) made one space.</summary>
    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(html), " ");

    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex Spaces();
}
