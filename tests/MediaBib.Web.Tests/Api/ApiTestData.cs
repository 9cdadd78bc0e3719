using System.Net.Http.Headers;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.ApiAccess;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Web.Tests.Api;

/// <summary>A small library of its own per test: a record with two items, a patron, and API tokens per role.</summary>
internal sealed class ApiTestData
{
    private ApiTestData(WebAppFixture app) => App = app;

    public WebAppFixture App { get; }

    public Library Library { get; private set; } = null!;

    public Record Record { get; private set; } = null!;

    public List<Item> Items { get; } = [];

    public Patron Patron { get; private set; } = null!;

    public PatronCategory Category { get; private set; } = null!;

    public ItemType ItemType { get; private set; } = null!;

    public static async Task<ApiTestData> CreateAsync(WebAppFixture app)
    {
        var data = new ApiTestData(app);
        await using var db = app.Database.CreateContext();
        data.Library = new Library(LibraryCode.From(Unique.Code("API")), "Bibliothèque de l'API");
        data.Library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        data.Category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        data.ItemType = new ItemType(Unique.Code("TYP"), "Livre");
        data.Record = new Record(RecordType.Book, "Les Misérables " + Unique.Code());
        db.AddRange(data.Library, data.Category, data.ItemType, data.Record);
        for (var i = 0; i < 2; i++)
        {
            var item = new Item(data.Record.Id, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
            data.Items.Add(item);
            db.Items.Add(item);
        }

        data.Patron = new Patron(data.Library.Id, data.Category.Id, CardNumber.From(Unique.Code("C")), "Élise", "Martin", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        db.Patrons.Add(data.Patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return data;
    }

    public async Task<Patron> AddPatronAsync(Action<Patron>? change = null)
    {
        await using var db = App.Database.CreateContext();
        var patron = new Patron(Library.Id, Category.Id, CardNumber.From(Unique.Code("C")), "Jean", "Dupont", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        change?.Invoke(patron);
        db.Patrons.Add(patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return patron;
    }

    /// <summary>An HTTP client carrying a fresh API token of <paramref name="role"/> for this test's library.</summary>
    public async Task<HttpClient> ClientAsync(string role)
    {
        var (_, secret) = await CreateTokenAsync(role);
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task<(ApiToken Token, string Secret)> CreateTokenAsync(string role)
    {
        var (token, secret) = ApiToken.Create("test " + Unique.Code(), Library.Id, role, null, null);
        await using var db = App.Database.CreateContext();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (token, secret);
    }
}
