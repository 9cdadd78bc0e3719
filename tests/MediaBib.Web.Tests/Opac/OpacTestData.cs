using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Web.Tests.Opac;

/// <summary>
/// A library of its own with one accented, uniquely marked record ("Métamorphoses nocturnes {Marker}") by a unique
/// author, with one copy on the shelf (call number "R MET").
/// </summary>
internal sealed class OpacTestData
{
    public string Marker { get; } = Unique.Code("Q");

    public Library Library { get; private set; } = null!;

    public Record Record { get; private set; } = null!;

    public Author Author { get; private set; } = null!;

    public string Title => $"Métamorphoses nocturnes {Marker}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<OpacTestData> CreateAsync(WebAppFixture app)
    {
        var data = new OpacTestData();
        await using var db = app.Database.CreateContext();
        data.Library = new Library(LibraryCode.From(Unique.Code("O")), $"Médiathèque Émile-Zola {data.Marker}");
        data.Library.AddSection(Unique.Code("S"), "Romans adultes");
        data.Author = new Author($"Hélène Dupré-{data.Marker}");
        var type = new ItemType(Unique.Code("T"), "Livre");
        data.Record = new Record(RecordType.Book, data.Title);
        data.Record.Describe(RecordType.Book, "Hélène Dupré", null, null, 2021, "Éditions du Lac", "Lyon", null, null, "fre", null,
            "Un roman sur les nuits d'une ville.", null);
        data.Record.AddAuthor(data.Author, "070");
        db.AddRange(data.Library, data.Author, type, data.Record);
        var shelf = new Item(data.Record.Id, data.Library.Id, type.Id, Barcode.From(Unique.Barcode()));
        shelf.Place(data.Library.Sections.First().Id, null, "R MET");
        db.Items.Add(shelf);
        await db.SaveChangesAsync(Ct);
        return data;
    }
}
