using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Export;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Tests.Catalog.Import;
using MediaBib.Infrastructure.Tests.Catalog.Marc;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Catalog.Export;

public sealed class CatalogExportTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CatalogExport Exporter => new(database.Factory, TimeProvider.System);

    [Fact]
    public async Task Export_ImportedRealRecords_RoundTripsWithItemsRegeneratedFromCurrentRows()
    {
        // Arrange: a real BSG file, identifiers made unique to this test, imported with its 995 items.
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var prefix = Unique.Code("R");
        var originals = ImportScenario.WithUniqueBarcodes(
            MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf("unimarc/iso2709/bsg-cotesD.mrc"))), prefix, controlNumbersToo: true);
        var mapping = scenario.Mapping with { Libraries = new Dictionary<string, string> { ["BIB01"] = scenario.Main.Code.Value } };
        var report = await scenario.ImportAsync(ImportScenario.Iso([.. originals]), scenario.Options() with { Items = mapping });
        Assert.Equal(originals.Count, report.Created);

        // The items change after the import: a call number, a new copy, a withdrawn copy.
        List<Guid> ids;
        string movedBarcode;
        string addedBarcode = Unique.Barcode();
        string removedBarcode;
        await using (var db = database.CreateContext())
        {
            ids = await db.Records.Where(r => r.ControlNumber!.StartsWith(prefix)).Select(r => r.Id).ToListAsync(Ct);
            var items = await db.Items.Where(i => ids.Contains(i.RecordId)).OrderBy(i => i.Id).ToListAsync(Ct);
            Assert.True(items.Count >= 3, "the file has items");
            items[0].Place(null, null, "NOUVELLE COTE");
            movedBarcode = items[0].Barcode.Value;
            var added = new Item(items[1].RecordId, scenario.Annex.Id, scenario.DvdType.Id, Barcode.From(addedBarcode));
            added.Place(null, null, "DVD 1");
            db.Items.Add(added);
            removedBarcode = items[2].Barcode.Value;
            db.Items.Remove(items[2]);
            await db.SaveChangesAsync(Ct);
        }

        // Act
        var output = new MemoryStream();
        var summary = await Exporter.ExportAsync(output, new ExportOptions { RecordIds = ids, PageSize = 4 }, ImportScenario.Cataloguer, Ct);

        // Assert: same records, same fields outside 995, 995 built from the current items.
        output.Position = 0;
        var back = MarcSamples.Records(Iso2709Reader.Read(output));
        Assert.Equal(originals.Count, summary.Records);
        Assert.Empty(summary.Failures);
        Assert.Equal(originals.Count, back.Count);
        await using var read = database.CreateContext();
        var current = await read.Items.AsNoTracking().Where(i => ids.Contains(i.RecordId)).ToListAsync(Ct);
        var recordIdByCn = await read.Records.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.ControlNumber!, r => r.Id, Ct);
        foreach (var exported in back)
        {
            var cn = exported.ControlValue("001")!;
            var original = originals.Single(o => o.ControlValue("001") == cn);
            Assert.Equal(original.Fields.Where(f => f.Tag != "995"), exported.Fields.Where(f => f.Tag != "995"));
            Assert.Equal(original.Leader[5..10], exported.Leader[5..10]);
            var expectedBarcodes = current.Where(i => i.RecordId == recordIdByCn[cn]).Select(i => i.Barcode.Value).Order();
            Assert.Equal(expectedBarcodes, exported.GetDataFields("995").Select(f => f.First('f')!).Order());
        }

        var all995 = back.SelectMany(r => r.GetDataFields("995")).ToList();
        Assert.Equal(current.Count, all995.Count);
        Assert.DoesNotContain(all995, f => f.First('f') == removedBarcode);
        Assert.Equal("NOUVELLE COTE", all995.Single(f => f.First('f') == movedBarcode).First('k'));
        var addedField = all995.Single(f => f.First('f') == addedBarcode);
        Assert.Equal(scenario.Main.Code.Value, all995.First(f => f.First('f') != addedBarcode).First('b'));
        Assert.Equal(scenario.Annex.Code.Value, addedField.First('b'));
        Assert.Equal(scenario.DvdType.Code, addedField.First('r'));
    }

    [Fact]
    public async Task Export_MarcXml_ReadsBackAsTheSameRecords()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var books = Enumerable.Range(1, 3).Select(i => ImportScenario.Book(Unique.Code("CN"), ImportScenario.UniqueIsbn(), $"Écrire la vie, tome {i}",
            summary: "Récit « à la première personne » & <balises>", items: (Unique.Barcode(), "BM", "LIV", $"R ERN {i}"))).ToList();
        await scenario.ImportAsync(ImportScenario.Iso([.. books]), scenario.Options());
        await using var db = database.CreateContext();
        var cns = books.Select(b => b.ControlValue("001")!).ToList();
        var ids = await db.Records.Where(r => cns.Contains(r.ControlNumber!)).Select(r => r.Id).ToListAsync(Ct);

        var output = new MemoryStream();
        await Exporter.ExportAsync(output, new ExportOptions { Format = ExportFormat.MarcXml, RecordIds = ids }, ImportScenario.Cataloguer, Ct);

        output.Position = 0;
        var back = MarcSamples.Records(MarcXmlReader.Read(output));
        Assert.Equal(3, back.Count);
        foreach (var book in books)
        {
            var exported = back.Single(r => r.ControlValue("001") == book.ControlValue("001"));
            // The item field is regenerated in the recommendation's subfield order (b, c, f, k, r) with the MediaBib codes.
            Assert.Equal(book.Fields.Where(f => f.Tag != "995"), exported.Fields.Where(f => f.Tag != "995"));
            var item = Assert.Single(exported.GetDataFields("995"));
            Assert.Equal(book.FirstSubfield("995", 'f'), item.First('f'));
            Assert.Equal(scenario.Main.Code.Value, item.First('b'));
            Assert.Equal(scenario.BookType.Code, item.First('r'));
        }
    }

    [Theory]
    [InlineData(MarcFlavour.Unimarc, "995")]
    [InlineData(MarcFlavour.Marc21, "852")]
    public async Task Export_RecordWithoutStoredMarc_BuildsARecordFromTheMappedFields(MarcFlavour flavour, string itemTag)
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var isbn = ImportScenario.UniqueIsbn();
        var barcode = Unique.Barcode();
        var record = new Domain.Catalog.Record(RecordType.Book, "Le Petit Prince");
        record.Describe(RecordType.Book, "Antoine de Saint-Exupéry", Isbn.From(isbn), null, 1943, "Gallimard", "Paris", null, "Folio", "fre", "96 p.", "Un aviateur…", "843");
        var author = new Author("Saint-Exupéry, Antoine de " + Unique.Code("A"), "1900-1944");
        var subject = new Subject("Contes philosophiques " + Unique.Code("S"));
        record.AddAuthor(author, "070");
        record.AddSubject(subject);
        await using (var db = database.CreateContext())
        {
            db.AddRange(author, subject, record);
            db.Items.Add(new Item(record.Id, scenario.Main.Id, scenario.BookType.Id, Barcode.From(barcode)));
            await db.SaveChangesAsync(Ct);
        }

        var output = new MemoryStream();
        await Exporter.ExportAsync(output, new ExportOptions { RecordIds = [record.Id], FlavourForRecordsWithoutMarc = flavour }, ImportScenario.Cataloguer, Ct);

        output.Position = 0;
        var marc = Assert.Single(MarcSamples.Records(Iso2709Reader.Read(output)));
        var mapped = MarcMapper.Map(marc);
        Assert.Equal(flavour, mapped.Flavour);
        Assert.Equal("Le Petit Prince", mapped.Title);
        Assert.Equal(isbn, mapped.Isbn);
        Assert.Equal(1943, mapped.Year);
        Assert.Equal("Gallimard", mapped.Publisher);
        Assert.Equal(author.Name, Assert.Single(mapped.Authors).Name);
        Assert.Equal(subject.Label, Assert.Single(mapped.Subjects).Label);
        Assert.Equal(barcode, Assert.Single(mapped.Items).Barcode);
        Assert.Equal(itemTag, mapped.Items[0].Tag);
    }

    [Fact]
    public async Task Export_WholeCatalogue_PagesThroughEveryRecordOnceAndIsAudited()
    {
        var scenario = await ImportScenario.CreateAsync(database, Ct);
        var books = Enumerable.Range(1, 7).Select(i => ImportScenario.Book(Unique.Code("CN"), null, $"Les années, partie {i}")).ToList();
        await scenario.ImportAsync(ImportScenario.Iso([.. books]), scenario.Options());
        var actor = new Actor(ActorKind.Staff, Unique.Code("exporteur"));

        var output = new MemoryStream();
        var summary = await Exporter.ExportAsync(output, new ExportOptions { PageSize = 3 }, actor, Ct);

        output.Position = 0;
        var back = MarcSamples.Records(Iso2709Reader.Read(output));
        Assert.Equal(summary.Records, back.Count);
        foreach (var book in books)
        {
            Assert.Single(back, r => r.ControlValue("001") == book.ControlValue("001"));
        }

        await using var db = database.CreateContext();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Actor == actor.Name, Ct);
        Assert.Equal("export", entry.Action);
        Assert.Contains($"{summary.Records} notices", entry.Message);
    }
}
