using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Catalog.Import;

/// <summary>Per-test libraries and item types with unique codes, and synthetic MARC records with unique identifiers.</summary>
internal sealed class ImportScenario
{
    public static readonly Actor Cataloguer = new(ActorKind.Staff, "catalogueur", Guid.CreateVersion7());

    private ImportScenario(TestDatabase database, Library main, Library annex, ItemType bookType, ItemType dvdType)
    {
        Database = database;
        Main = main;
        Annex = annex;
        BookType = bookType;
        DvdType = dvdType;
    }

    public TestDatabase Database { get; }

    public Library Main { get; }

    public Library Annex { get; }

    public ItemType BookType { get; }

    public ItemType DvdType { get; }

    /// <summary>A source name unique to the test, to find its audit entries.</summary>
    public string Source { get; } = Unique.Code("F") + ".mrc";

    public CatalogImport Importer => new(Database.Factory, TimeProvider.System);

    /// <summary>File codes "BM" → main library, "ANX" → annex; 995$r "LIV" → book type, "DVD" → DVD type.</summary>
    public ItemMapping Mapping => new()
    {
        Libraries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["BM"] = Main.Code.Value, ["ANX"] = Annex.Code.Value },
        ItemTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["LIV"] = BookType.Code, ["DVD"] = DvdType.Code },
        DefaultItemTypeCode = BookType.Code,
    };

    public static async Task<ImportScenario> CreateAsync(TestDatabase database, CancellationToken ct)
    {
        var main = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque centrale");
        var annex = new Library(LibraryCode.From(Unique.Code("L")), "Annexe des Tilleuls");
        var book = new ItemType(Unique.Code("T"), "Livre");
        var dvd = new ItemType(Unique.Code("T"), "DVD");
        await using var db = database.CreateContext();
        db.AddRange(main, annex, book, dvd);
        await db.SaveChangesAsync(ct);
        return new ImportScenario(database, main, annex, book, dvd);
    }

    public Task<ImportReport> ImportAsync(MemoryStream file, ImportOptions options, IProgress<ImportProgress>? progress = null)
    {
        file.Position = 0;
        return Importer.ImportAsync(file, options with { SourceName = options.SourceName ?? Source }, Cataloguer, progress, TestContext.Current.CancellationToken);
    }

    public ImportOptions Options(ImportMatch match = ImportMatch.None, MatchAction onMatch = MatchAction.Skip) =>
        new() { Items = Mapping, MatchOn = match, OnMatch = onMatch, SourceName = Source };

    public static MemoryStream Iso(params MarcRecord[] records)
    {
        var stream = new MemoryStream();
        var writer = new Iso2709Writer(stream);
        foreach (var record in records)
        {
            writer.Write(record);
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A valid ISBN-13 no other test uses (979 prefix, random body, correct check digit).</summary>
    public static string UniqueIsbn()
    {
        var body = "979" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (body[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return body + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A UNIMARC book: 001, 010, 100, 101, 200, 210, 330 (optional), 606, 700, and one 995 per item.</summary>
    public static MarcRecord Book(
        string controlNumber, string? isbn, string title, string? summary = null, string? publisher = "Gallimard",
        string[]? subjects = null, params (string Barcode, string Library, string? Type, string? CallNumber)[] items)
    {
        var fields = new List<MarcField>
        {
            new MarcControlField("001", controlNumber),
        };
        if (isbn is not null)
        {
            fields.Add(new MarcDataField("010", ' ', ' ', new MarcSubfield('a', isbn), new MarcSubfield('b', "br.")));
        }

        fields.Add(new MarcDataField("100", ' ', ' ', new MarcSubfield('a', "20240101d2021    m  y0frey5003    ba")));
        fields.Add(new MarcDataField("101", '0', ' ', new MarcSubfield('a', "fre")));
        fields.Add(new MarcDataField("200", '1', ' ', new MarcSubfield('a', title), new MarcSubfield('f', "Annie Ernaux")));
        if (publisher is not null)
        {
            fields.Add(new MarcDataField("210", ' ', ' ', new MarcSubfield('a', "Paris"), new MarcSubfield('c', publisher), new MarcSubfield('d', "2021")));
        }

        if (summary is not null)
        {
            fields.Add(new MarcDataField("330", ' ', ' ', new MarcSubfield('a', summary)));
        }

        foreach (var subject in subjects ?? ["Mémoire autobiographique"])
        {
            fields.Add(new MarcDataField("606", ' ', ' ', new MarcSubfield('a', subject)));
        }

        fields.Add(new MarcDataField("700", ' ', '1', new MarcSubfield('a', "Ernaux"), new MarcSubfield('b', "Annie"), new MarcSubfield('f', "1940-...."), new MarcSubfield('4', "070")));
        foreach (var (barcode, library, type, callNumber) in items)
        {
            var sub = new List<MarcSubfield> { new('b', library), new('f', barcode) };
            if (callNumber is not null)
            {
                sub.Add(new('k', callNumber));
            }

            if (type is not null)
            {
                sub.Add(new('r', type));
            }

            fields.Add(new MarcDataField("995", ' ', ' ', sub));
        }

        return new MarcRecord("     nam0 22        450 ", fields);
    }

    /// <summary>
    /// The records of a real file with every 995$f (and, if asked, the 001, added where missing) prefixed, so parallel
    /// tests never share them.
    /// </summary>
    public static List<MarcRecord> WithUniqueBarcodes(IEnumerable<MarcRecord> records, string prefix, bool controlNumbersToo = false) =>
    [
        .. records.Select((r, n) =>
        {
            var fields = r.Fields.Select(f => f switch
            {
                MarcDataField { Tag: "995" } d =>
                    new MarcDataField("995", d.Indicator1, d.Indicator2, d.Subfields.Select(s => s.Code == 'f' ? new MarcSubfield('f', prefix + s.Value) : s)),
                MarcControlField { Tag: "001" } c when controlNumbersToo => new MarcControlField("001", prefix + c.Data),
                _ => f,
            }).ToList();
            if (controlNumbersToo && r.ControlValue("001") is null)
            {
                fields.Insert(0, new MarcControlField("001", prefix + "N" + n.ToString(CultureInfo.InvariantCulture)));
            }

            return new MarcRecord(r.Leader, fields);
        }),
    ];
}
