using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Testing;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Web.Tests.Desk;

/// <summary>A library of its own per test: one record with items, a patron, and a desk actor working there.</summary>
internal sealed class DeskTestData
{
    private readonly TestDatabase _database;

    private DeskTestData(TestDatabase database) => _database = database;

    public Library Library { get; private set; } = null!;

    public PatronCategory Category { get; private set; } = null!;

    public ItemType ItemType { get; private set; } = null!;

    public Record Record { get; private set; } = null!;

    public List<Item> Items { get; } = [];

    public Patron Patron { get; private set; } = null!;

    public Actor Actor => new(ActorKind.Staff, "desk-test", null, Library.Id);

    public static async Task<DeskTestData> CreateAsync(TestDatabase database, int items = 3, string firstName = "Élise", string lastName = "Martin")
    {
        var data = new DeskTestData(database);
        await using var db = database.CreateContext();
        data.Library = new Library(LibraryCode.From(Unique.Code("DSK")), "Médiathèque " + Unique.Code());
        data.Library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(19, 0))));
        data.Category = new PatronCategory(Unique.Code("CAT"), "Adulte");
        data.ItemType = new ItemType(Unique.Code("TYP"), "Livre");
        data.Record = new Record(RecordType.Book, "Les Misérables " + Unique.Code());
        db.AddRange(data.Library, data.Category, data.ItemType, data.Record);
        for (var i = 0; i < items; i++)
        {
            var item = new Item(data.Record.Id, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
            data.Items.Add(item);
            db.Items.Add(item);
        }

        data.Patron = NewPatron(data, firstName, lastName);
        db.Patrons.Add(data.Patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return data;
    }

    public async Task<Patron> AddPatronAsync(string firstName, string lastName, DateOnly? expiresOn = null)
    {
        await using var db = _database.CreateContext();
        var patron = NewPatron(this, firstName, lastName, expiresOn);
        db.Patrons.Add(patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return patron;
    }

    private static Patron NewPatron(DeskTestData data, string firstName, string lastName, DateOnly? expiresOn = null) =>
        new(data.Library.Id, data.Category.Id, CardNumber.From(Unique.Code("C")), firstName, lastName,
            expiresOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
}
