using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using Microsoft.Extensions.DependencyInjection;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.EndToEnd.Tests.Desk;

/// <summary>A library of its own for one test: a record with items, patrons, and desk librarians working there.</summary>
internal sealed class DeskScenario
{
    private DeskScenario(LiveAppFixture app) => App = app;

    public LiveAppFixture App { get; }

    public Library Library { get; } = NewLibrary();

    public PatronCategory Category { get; } = new(Unique.Code("CAT"), "Adulte");

    public ItemType Type { get; } = new(Unique.Code("TYP"), "Livre");

    public Record Record { get; private init; } = null!;

    public List<Item> Items { get; } = [];

    public Actor Actor => new(ActorKind.Staff, "e2e", null, Library.Id);

    public static async Task<DeskScenario> CreateAsync(LiveAppFixture app, string title, int items)
    {
        var scenario = new DeskScenario(app) { Record = new Record(RecordType.Book, title + " " + Unique.Code()) };
        scenario.Items.AddRange(Enumerable.Range(0, items).Select(_ =>
            new Item(scenario.Record.Id, scenario.Library.Id, scenario.Type.Id, Barcode.From(Unique.Barcode()))));
        await using var db = app.Database.CreateContext();
        db.AddRange(scenario.Library, scenario.Category, scenario.Type, scenario.Record);
        db.Items.AddRange(scenario.Items);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return scenario;
    }

    public async Task<Patron> PatronAsync(string firstName, string lastName)
    {
        var patron = new Patron(Library.Id, Category.Id, CardNumber.From(Unique.Code("C")), firstName, lastName, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        await using var db = App.Database.CreateContext();
        db.Patrons.Add(patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return patron;
    }

    /// <summary>A circulation librarian working at this library; returns the user name.</summary>
    public async Task<string> LibrarianAsync(string role = StaffRoles.Circulation)
    {
        var userName = Unique.Code("cir").ToLowerInvariant();
        await App.Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Test " + role, role, LiveAppFixture.Password, Library.Id), TestContext.Current.CancellationToken);
        return userName;
    }

    private static Library NewLibrary()
    {
        var library = new Library(LibraryCode.From(Unique.Code("E2L")), "Médiathèque " + Unique.Code());
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        return library;
    }
}
