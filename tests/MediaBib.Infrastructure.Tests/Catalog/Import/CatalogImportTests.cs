using System.Text;
using System.Text.Json;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Tests.Catalog.Marc;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Catalog.Import;

public sealed class CatalogImportTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_EveryRealUnimarcFile_CreatesEachReadableRecordAndRejectsTheRest()
    {
        var files = MarcTestData.Files("unimarc/iso2709").Concat(MarcTestData.Files("unimarc/xml")).ToList();
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        long total = 0;
        foreach (var file in files)
        {
            // Expected from the codec and the mapper alone.
            var results = MarcSamples.ReadAny(file);
            var readable = results.OfType<MarcRecordRead>().Count(r => MarcMapper.Map(r.Record).Title is not null);
            var rejected = results.Count - readable;

            // No item mapping and no default library: items are reported, not created, so the file can be imported as is.
            await using var stream = File.OpenRead(file);
            var report = await scenario.Importer.ImportAsync(stream, new ImportOptions { MatchOn = ImportMatch.None, SourceName = scenario.Source },
                ImportScenario.Cataloguer, cancellationToken: Ct);

            Assert.True(readable == report.Created, $"{Path.GetFileName(file)}: {report.Created} created, {readable} expected");
            Assert.True(rejected == report.Rejected, $"{Path.GetFileName(file)}: {report.Rejected} rejected, {rejected} expected");
            Assert.Equal(results.Count, report.Read);
            Assert.Equal(0, report.ItemsCreated);
            total += report.Created;
        }

        Assert.True(total > 1700, $"only {total} records created");
        await using var db = database.CreateContext();
        var periodical = await db.Records.AsNoTracking().FirstAsync(r => r.ControlNumber == "040085864", Ct);   // Sciences Po, only imported here
        Assert.Equal("20 century British history", periodical.Title);
        Assert.Equal(RecordType.Periodical, periodical.Type);
        Assert.Equal(MarcFlavour.Unimarc, periodical.MarcFlavour);
    }

    [Fact]
    public async Task Import_BsgFile_CreatesItemsWithMappedLibraryAndType()
    {
        var path = MarcTestData.PathOf("unimarc/iso2709/bsg-cotes8.mrc");
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var prefix = Unique.Code("X");
        var records = ImportScenario.WithUniqueBarcodes(MarcSamples.Records(Iso2709Reader.ReadFile(path)), prefix);
        var expectedItems = records.Sum(r => r.GetDataFields("995").Count());
        var mapping = scenario.Mapping with
        {
            Libraries = new Dictionary<string, string> { ["BIB01"] = scenario.Annex.Code.Value },
            ItemTypes = new Dictionary<string, string> { ["DI"] = scenario.DvdType.Code },
        };

        var report = await scenario.ImportAsync(ImportScenario.Iso([.. records]), scenario.Options() with { Items = mapping });

        Assert.Equal(35, report.Created);
        Assert.Equal(58, expectedItems);
        Assert.Equal(expectedItems, report.ItemsCreated);
        await using var db = database.CreateContext();
        var items = await db.Items.AsNoTracking().Where(i => i.HomeLibraryId == scenario.Annex.Id).ToListAsync(Ct);
        Assert.Equal(expectedItems, items.Count);
        Assert.All(items, i => Assert.StartsWith(prefix, i.Barcode.Value, StringComparison.Ordinal));
        var first = items.Single(i => i.Barcode.Value == prefix + "00000001158900");
        Assert.Equal(scenario.DvdType.Id, first.ItemTypeId);   // 995$r DI mapped
        Assert.Equal(records[0].FirstSubfield("995", 'k'), first.CallNumber);   // as in the file (which has "8Â°": UTF-8 encoded twice at the source)
        var second = items.Single(i => i.Barcode.Value == prefix + "00000001158899");
        Assert.Equal(scenario.BookType.Id, second.ItemTypeId);   // 995$r CN not mapped: default type
        var record = await db.Records.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Author).SingleAsync(r => r.Id == first.RecordId, Ct);
        Assert.Equal("Traité de la science des finances", record.Title);
        Assert.Contains(record.Authors, a => a.Author.Name.StartsWith("Leroy-Beaulieu", StringComparison.Ordinal));
        var stored = MarcJson.Deserialize(record.Marc!);
        var source = records.Single(r => r.ControlValue("001") == record.ControlNumber);
        Assert.Equal(source.Fields, stored.Fields);                 // lengths in the leader differ: the barcodes were made longer
        Assert.Equal(source.Leader[5..12], stored.Leader[5..12]);
    }

    [Fact]
    public async Task Import_FileWithCorruptRecord_ImportsTheOthersAndReportsRecordNumberAndOffset()
    {
        var path = MarcTestData.PathOf("unimarc/iso2709/bsg-cotesD.mrc");
        var bytes = File.ReadAllBytes(path);
        var reads = Iso2709Reader.ReadFile(path).Cast<MarcRecordRead>().ToList();
        var victim = reads[2];
        var offset = (int)victim.ByteOffset!.Value;
        bytes[offset + 12] = (byte)'X';   // base address no longer numeric
        var scenario = await ImportScenario.CreateAsync(database, Ct);

        var report = await scenario.ImportAsync(new MemoryStream(bytes), new ImportOptions { MatchOn = ImportMatch.None });

        Assert.Equal(reads.Count - 1, report.Created);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(3, rejection.RecordNumber);
        Assert.Equal(offset, rejection.ByteOffset);
        Assert.Equal("marc.bad-leader", rejection.Code);
        Assert.Equal(1, report.Rejected);
    }

    [Fact]
    public async Task Import_XmlBrokenPartWay_KeepsRecordsBeforeAndReportsLine()
    {
        var path = MarcTestData.PathOf("marc21/xml/rubymarc-three-records-second-bad.xml");
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        await using var file = File.OpenRead(path);

        var report = await scenario.Importer.ImportAsync(file, new ImportOptions { MatchOn = ImportMatch.None, SourceName = scenario.Source },
            ImportScenario.Cataloguer, cancellationToken: Ct);

        Assert.Equal(1, report.Created);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal("marc.xml-not-well-formed", rejection.Code);
        Assert.NotNull(rejection.Line);
    }

    [Fact]
    public async Task Import_SameFileTwiceWithSkip_SkipsDuplicatesAndCreatesNoItem()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var cn = Unique.Code("CN");
        var isbn = ImportScenario.UniqueIsbn();
        var barcode = Unique.Barcode();
        var file = ImportScenario.Iso(ImportScenario.Book(cn, isbn, "Les années", items: (barcode, "BM", "LIV", "R ERN")));
        var first = await scenario.ImportAsync(file, scenario.Options(ImportMatch.Isbn | ImportMatch.ControlNumber));

        var second = await scenario.ImportAsync(file, scenario.Options(ImportMatch.Isbn | ImportMatch.ControlNumber));

        Assert.Equal(1, first.Created);
        Assert.Equal(1, first.ItemsCreated);
        Assert.Equal(0, second.Created);
        Assert.Equal(1, second.Skipped);
        Assert.Equal(0, second.ItemsCreated);
        var duplicate = Assert.Single(second.Duplicates);
        Assert.Equal("import.duplicate-record", duplicate.Code);
        Assert.Equal("cn:" + cn, duplicate.Key);
        await using var db = database.CreateContext();
        var record = await db.Records.AsNoTracking().SingleAsync(r => r.ControlNumber == cn, Ct);
        Assert.Equal(record.Id, duplicate.ExistingRecordId);
        Assert.Equal(1, await db.Items.CountAsync(i => i.RecordId == record.Id, Ct));
    }

    [Fact]
    public async Task Import_MatchOnIsbn10AgainstStoredIsbn13_FindsTheRecord()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var isbn13 = "978" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (isbn13[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        isbn13 += ((10 - sum % 10) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stem = isbn13.Substring(3, 9);
        var s10 = 0;
        for (var i = 0; i < 9; i++)
        {
            s10 += (stem[i] - '0') * (10 - i);
        }

        var check = (11 - s10 % 11) % 11;
        var isbn10 = stem[..1] + "-" + stem[1..] + "-" + (check == 10 ? "X" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(Unique.Code("CN"), isbn13, "Une femme")), scenario.Options(ImportMatch.Isbn));

        var report = await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(Unique.Code("CN"), isbn10, "Une femme (rééd.)")), scenario.Options(ImportMatch.Isbn));

        Assert.Equal(1, report.Skipped);
        Assert.Equal("isbn:" + isbn13, Assert.Single(report.Duplicates).Key);
    }

    [Fact]
    public async Task Import_Replace_RewritesDescriptionKeepsItemsAndAddsNewOnes()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var cn = Unique.Code("CN");
        var isbn = ImportScenario.UniqueIsbn();
        var (b1, b2) = (Unique.Barcode(), Unique.Barcode());
        await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(cn, isbn, "La place", summary: "Résumé d'origine", subjects: ["Pères et filles"],
            items: (b1, "BM", "LIV", "R ERN"))), scenario.Options(ImportMatch.ControlNumber));

        var report = await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(cn, isbn, "La place (édition revue)", summary: null, subjects: ["Classes sociales"],
            items: [(b1, "BM", "LIV", "R ERN"), (b2, "ANX", "DVD", "R ERN 2")])), scenario.Options(ImportMatch.ControlNumber, MatchAction.Replace));

        Assert.Equal(1, report.Replaced);
        Assert.Equal(1, report.ItemsCreated);
        var exists = Assert.Single(report.Problems, p => p.Reason == ImportProblemReason.ItemBarcodeExists);
        Assert.Equal(b1, exists.Key);
        await using var db = database.CreateContext();
        var record = await db.Records.AsNoTracking().Include(r => r.Subjects).ThenInclude(s => s.Subject).Include(r => r.Authors)
            .SingleAsync(r => r.ControlNumber == cn, Ct);
        Assert.Equal("La place (édition revue)", record.Title);
        Assert.Null(record.Summary);
        Assert.Equal(["Classes sociales"], record.Subjects.Select(s => s.Subject.Label));
        Assert.Single(record.Authors);
        Assert.Equal("La place (édition revue)", MarcJson.Deserialize(record.Marc!).FirstSubfield("200", 'a'));
        var items = await db.Items.AsNoTracking().Where(i => i.RecordId == record.Id).ToListAsync(Ct);
        Assert.Equal([b1, b2], items.Select(i => i.Barcode.Value).Order());
        var annexItem = items.Single(i => i.Barcode.Value == b2);
        Assert.Equal(scenario.Annex.Id, annexItem.HomeLibraryId);
        Assert.Equal(scenario.DvdType.Id, annexItem.ItemTypeId);
    }

    [Fact]
    public async Task Import_Merge_KeepsExistingValuesWhereIncomingIsEmptyAndUnitesSubjects()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var cn = Unique.Code("CN");
        var isbn = ImportScenario.UniqueIsbn();
        var (b1, b2) = (Unique.Barcode(), Unique.Barcode());
        await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(cn, isbn, "Les armoires vides", summary: "Premier roman.", subjects: ["Avortement"],
            items: (b1, "BM", "LIV", null))), scenario.Options(ImportMatch.Isbn));

        var report = await scenario.ImportAsync(ImportScenario.Iso(ImportScenario.Book(Unique.Code("CN"), isbn, "Les armoires vides : roman", summary: null,
            publisher: null, subjects: ["Romans autobiographiques"], items: (b2, "BM", "LIV", null))), scenario.Options(ImportMatch.Isbn, MatchAction.Merge));

        Assert.Equal(1, report.Merged);
        Assert.Equal(1, report.ItemsCreated);
        await using var db = database.CreateContext();
        var record = await db.Records.AsNoTracking().Include(r => r.Subjects).ThenInclude(s => s.Subject)
            .SingleAsync(r => r.Isbn == Domain.Common.Isbn.From(isbn), Ct);
        Assert.Equal("Les armoires vides : roman", record.Title);
        Assert.Equal("Premier roman.", record.Summary);        // incoming had no 330
        Assert.Equal("Gallimard", record.Publisher);           // incoming had no 210
        Assert.Equal(["Avortement", "Romans autobiographiques"], record.Subjects.Select(s => s.Subject.Label).Order());
        var marc = MarcJson.Deserialize(record.Marc!);
        Assert.Equal("Premier roman.", marc.FirstSubfield("330", 'a'));   // field kept from the existing record
        Assert.Equal("Les armoires vides : roman", marc.FirstSubfield("200", 'a'));
        Assert.Equal(2, await db.Items.CountAsync(i => i.RecordId == record.Id, Ct));
    }

    [Fact]
    public async Task Import_ItemProblems_AreReportedAndTheRecordStillImports()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var cn = Unique.Code("CN");
        var good = Unique.Barcode();
        var file = ImportScenario.Iso(ImportScenario.Book(cn, null, "Mémoire de fille", items:
        [
            (good, "BM", "LIV", null),
            (good, "BM", "LIV", null),                 // same barcode twice in the file
            ("bad barcode!", "BM", "LIV", null),       // not a barcode
            (Unique.Barcode(), "NOWHERE", "LIV", null), // unknown library, no default
        ]));

        var report = await scenario.ImportAsync(file, scenario.Options());

        Assert.Equal(1, report.Created);
        Assert.Equal(1, report.ItemsCreated);
        Assert.Equal(3, report.ItemsNotCreated);
        Assert.Equal(
            ["import.item-barcode-exists", "import.item-barcode-invalid", "import.item-library-unknown"],
            report.Problems.Select(p => p.Code).Order());
    }

    [Fact]
    public async Task Import_WritesOneAuditEntryPerBatchWithCountsAndReportsProgress()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var records = Enumerable.Range(0, 5).Select(i => ImportScenario.Book(Unique.Code("CN"), null, $"Journal du dehors {i}",
            items: (Unique.Barcode(), "BM", "LIV", null))).ToArray();
        var seen = new List<ImportProgress>();
        var progress = new SynchronousProgress(seen.Add);

        var report = await scenario.ImportAsync(ImportScenario.Iso(records), scenario.Options() with { BatchSize = 2 }, progress);

        Assert.Equal(5, report.Created);
        Assert.Equal([2L, 4L, 5L], seen.Select(p => p.Created));
        Assert.Equal(5, seen[^1].ItemsCreated);
        await using var db = database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "import" && a.Message!.Contains(scenario.Source))
            .OrderBy(a => a.OccurredAt).ToListAsync(Ct);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("catalogueur", e.Actor));
        var created = entries.Select(e => JsonDocument.Parse(e.After!).RootElement.GetProperty("created").GetInt32()).ToList();
        Assert.Equal([2, 2, 1], created);
        Assert.Equal(5, entries.Sum(e => JsonDocument.Parse(e.After!).RootElement.GetProperty("itemsCreated").GetInt32()));
    }

    [Fact]
    public async Task WriteCsv_ReportWithRejectionAndDuplicate_HasFrenchHeadersTotalsAndOneLinePerProblem()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var cn = Unique.Code("CN");
        var book = ImportScenario.Book(cn, null, "L'Événement ; récit");
        await scenario.ImportAsync(ImportScenario.Iso(book), scenario.Options(ImportMatch.ControlNumber));
        var bytes = ImportScenario.Iso(book, ImportScenario.Book(Unique.Code("CN"), null, "Se perdre")).ToArray().Concat("garbage"u8.ToArray()).ToArray();

        var report = await scenario.ImportAsync(new MemoryStream(bytes), scenario.Options(ImportMatch.ControlNumber));
        var csv = new MemoryStream();
        await report.WriteCsvAsync(csv, Ct);

        var raw = csv.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], raw[..3]);
        var lines = Encoding.UTF8.GetString(raw, 3, raw.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("Catégorie;N° de notice;Position (octet);Ligne;Code;Détail;Clé;Notice existante", lines[0]);
        Assert.Contains("Total;;;;Notices créées;1;;", lines);
        Assert.Contains("Total;;;;Doublons ignorés;1;;", lines);
        Assert.Contains("Total;;;;Notices rejetées;1;;", lines);
        var duplicate = Assert.Single(lines, l => l.StartsWith("Doublon ignoré;1;0;;import.duplicate-record;", StringComparison.Ordinal));
        Assert.Contains($"cn:{cn}", duplicate);
        var stray = Assert.Single(lines, l => l.StartsWith("Notice mal formée;3;", StringComparison.Ordinal));
        Assert.Contains(";marc.", stray);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
