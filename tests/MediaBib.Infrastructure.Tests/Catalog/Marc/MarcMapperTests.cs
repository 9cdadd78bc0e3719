using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

public class MarcMapperTests
{
    [Fact]
    public void Map_BnfUnimarcRecord_TakesTitleIsbnPublicationAndAuthorsWithRoles()
    {
        var records = MarcSamples.Records(MarcXmlReader.ReadFile(MarcTestData.PathOf("unimarc/xml/bnf-sru-flaubert-unimarc.xml")));

        var mapped = MarcMapper.Map(records[2]);

        Assert.Equal(MarcFlavour.Unimarc, mapped.Flavour);
        Assert.Equal(RecordType.Book, mapped.Type);
        Assert.Equal("FRBNF352291330000002", mapped.ControlNumber);
        Assert.Equal("Der Idiot der Familie, Gustave Flaubert 1821-1857...", mapped.Title);
        Assert.Equal("Jean-Paul Sartre ; Deutsch von Traugott König", mapped.Responsibility);
        Assert.Equal("3-499-25078-0", mapped.Isbn);
        Assert.Equal("ger", mapped.Language);
        Assert.Equal("Reinbek bei Hamburg", mapped.Place);
        Assert.Equal("Rowohlt", mapped.Publisher);
        Assert.Equal(1977, mapped.Year);
        Assert.Equal("661 p ; 19 cm", mapped.PhysicalDescription);
        Assert.Equal("Das neue Buch ; 78", mapped.Series);
        Assert.Equal(
            [new MappedAuthor("Sartre, Jean-Paul", "1905-1980", "070", 0, false, "700"),
             new MappedAuthor("König, Traugott", "1934-1991", "730", 1, false, "702")],
            mapped.Authors);
    }

    [Fact]
    public void Map_SainteGenevieveRecord_Takes995ItemsAndSubjects()
    {
        var record = MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf("unimarc/iso2709/bsg-cotes8.mrc")))[0];

        var mapped = MarcMapper.Map(record);

        Assert.Equal(MarcFlavour.Unimarc, mapped.Flavour);
        Assert.Equal("Traité de la science des finances", mapped.Title);
        Assert.Equal("par Paul Leroy-Beaulieu", mapped.Responsibility);
        Assert.Equal("5e éd. rev. et corr", mapped.Edition);
        Assert.Equal("Guillemin", mapped.Publisher);
        Assert.Equal(1892, mapped.Year);
        Assert.Equal("fre", mapped.Language);
        Assert.Equal("330", mapped.Classification);
        Assert.Equal([new MappedSubject("Finances publiques -- France", SubjectKind.Topic)], mapped.Subjects);
        Assert.Equal(2, mapped.Items.Count);
        var item = mapped.Items[0];
        Assert.Equal("751072303", item.Owner);
        Assert.Equal("BIB01", item.HoldingLibrary);
        Assert.Equal("00000001158900", item.Barcode);
        Assert.Equal("8Â°007.775(1892-1)", item.CallNumber); // the source really has this double-encoded degree sign
        Assert.Equal("DI", item.DocumentType);
        Assert.Equal("00000001158899", mapped.Items[1].Barcode);
        Assert.Equal("CN", mapped.Items[1].DocumentType);
    }

    [Fact]
    public void Map_Marc21Record_StripsIsbdPunctuation()
    {
        var record = Assert.Single(MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/marc4j-summerland.mrc"))));

        var mapped = MarcMapper.Map(record);

        Assert.Equal(MarcFlavour.Marc21, mapped.Flavour);
        Assert.Equal(RecordType.Book, mapped.Type);
        Assert.Equal("12883376", mapped.ControlNumber);
        Assert.Equal("Summerland", mapped.Title);
        Assert.Equal("Michael Chabon", mapped.Responsibility);
        Assert.Equal("0786808772", mapped.Isbn);
        Assert.Equal("1st ed", mapped.Edition);
        Assert.Equal("New York", mapped.Place);
        Assert.Equal("Miramax Books/Hyperion Books for Children", mapped.Publisher);
        Assert.Equal(2002, mapped.Year);
        Assert.Equal("eng", mapped.Language);
        Assert.Equal("500 p. ; 22 cm", mapped.PhysicalDescription);
        Assert.StartsWith("Ethan Feld, the worst baseball player", mapped.Summary, StringComparison.Ordinal);
        Assert.Equal([new MappedAuthor("Chabon, Michael", null, null, 0, false, "100")], mapped.Authors);
        Assert.Equal(
            [new MappedSubject("Fantasy", SubjectKind.Topic), new MappedSubject("Baseball -- Fiction", SubjectKind.Topic),
             new MappedSubject("Magic -- Fiction", SubjectKind.Topic)],
            mapped.Subjects);
    }

    [Fact]
    public void Map_KohaMarc21Record_Takes952Items()
    {
        var record = MarcSamples.Records(MarcXmlReader.ReadFile(MarcTestData.PathOf("marc21/xml/moose-biblios.xml")))[0];

        var mapped = MarcMapper.Map(record);

        Assert.Equal(MarcFlavour.Marc21, mapped.Flavour);
        Assert.Equal("Macroeconomics", mapped.Title);
        Assert.Equal(4, mapped.Items.Count);
        var item = mapped.Items[0];
        Assert.Equal("952", item.Tag);
        Assert.Equal("DO", item.Owner);
        Assert.Equal("MC", item.Location);
        Assert.Equal("000426795", item.Barcode);
        Assert.Equal("HB172.5 .B87 1993", item.CallNumber);
        Assert.Equal("IBK", item.DocumentType);
    }

    [Fact]
    public void Map_Marc21With852AndSubjectKinds_MapsHoldingsAndKinds()
    {
        var record = new MarcRecord("00000ngm a2200000 a 4500",
        [
            new MarcDataField("245", '0', '0', new MarcSubfield('a', "Les enfants du paradis /"), new MarcSubfield('c', "Marcel Carné.")),
            new MarcDataField("264", ' ', '1', new MarcSubfield('a', "Paris :"), new MarcSubfield('b', "Pathé,"), new MarcSubfield('c', "[1945]")),
            new MarcDataField("600", '1', '0', new MarcSubfield('a', "Deburau, Jean-Gaspard,"), new MarcSubfield('d', "1796-1846")),
            new MarcDataField("651", ' ', '0', new MarcSubfield('a', "Paris (France)"), new MarcSubfield('x', "History"), new MarcSubfield('y', "19th century.")),
            new MarcDataField("655", ' ', '7', new MarcSubfield('a', "Feature films.")),
            new MarcDataField("852", ' ', ' ', new MarcSubfield('a', "BM Lyon"), new MarcSubfield('b', "Part-Dieu"), new MarcSubfield('h', "791.43"), new MarcSubfield('i', "CAR"), new MarcSubfield('p', "3000123")),
        ]);

        var mapped = MarcMapper.Map(record);

        Assert.Equal(RecordType.Video, mapped.Type);
        Assert.Equal("Les enfants du paradis", mapped.Title);
        Assert.Equal(1945, mapped.Year);
        Assert.Equal("Pathé", mapped.Publisher);
        Assert.Equal(
            [new MappedSubject("Deburau, Jean-Gaspard, 1796-1846", SubjectKind.Person),
             new MappedSubject("Paris (France) -- History -- 19th century", SubjectKind.Geographic),
             new MappedSubject("Feature films", SubjectKind.Genre)],
            mapped.Subjects);
        var item = Assert.Single(mapped.Items);
        Assert.Equal(("BM Lyon", "Part-Dieu", "791.43 CAR", "3000123"), (item.Owner, item.HoldingLibrary, item.CallNumber, item.Barcode));
    }

    [Fact]
    public void Map_UnimarcNonSortingMarks_AreRemoved()
    {
        var record = new MarcRecord("     nam0 22        450 ",
        [
            new MarcDataField("200", '1', ' ', new MarcSubfield('a', "\u0088Les \u0089misérables"), new MarcSubfield('e', "roman")),
            new MarcDataField("214", ' ', '0', new MarcSubfield('a', "Paris"), new MarcSubfield('c', "Gallimard"), new MarcSubfield('d', "DL 2019")),
            new MarcDataField("607", ' ', ' ', new MarcSubfield('a', "Paris (France)")),
            new MarcDataField("608", ' ', ' ', new MarcSubfield('a', "Romans")),
            new MarcDataField("711", '0', '2', new MarcSubfield('a', "Congrès"), new MarcSubfield('4', "070")),
        ]);

        var mapped = MarcMapper.Map(record);

        Assert.Equal(MarcFlavour.Unimarc, mapped.Flavour);
        Assert.Equal("Les misérables", mapped.Title);
        Assert.Equal("roman", mapped.Subtitle);
        Assert.Equal(("Paris", "Gallimard", 2019), (mapped.Place, mapped.Publisher, mapped.Year));
        Assert.Equal([SubjectKind.Geographic, SubjectKind.Genre], mapped.Subjects.Select(s => s.Kind));
        Assert.True(Assert.Single(mapped.Authors).IsCorporate);
    }

    [Theory]
    [InlineData("unimarc/iso2709/pymarc-testunimarc.dat", MarcFlavour.Unimarc)]
    [InlineData("unimarc/xml/sudoc-252383524.xml", MarcFlavour.Unimarc)]
    [InlineData("unimarc/xml/marcjs-bib.xml", MarcFlavour.Unimarc)]
    [InlineData("marc21/iso2709/pymarc-test.dat", MarcFlavour.Marc21)]
    [InlineData("marc21/xml/moose-biblios.xml", MarcFlavour.Marc21)]
    public void Detect_RealRecords_FindsTheirFlavour(string relative, MarcFlavour expected)
    {
        var records = MarcSamples.Records(MarcSamples.ReadAny(MarcTestData.PathOf(relative)));

        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(expected, MarcFlavourDetector.Detect(r)));
    }

    [Fact]
    public void Detect_AllUnimarcFiles_AreUnimarc()
    {
        var records = MarcTestData.Files("unimarc/iso2709").Concat(MarcTestData.Files("unimarc/xml"))
            .SelectMany(f => MarcSamples.Records(MarcSamples.ReadAny(f)))
            .ToList();

        Assert.True(records.Count > 1600);
        Assert.All(records, r => Assert.Equal(MarcFlavour.Unimarc, MarcFlavourDetector.Detect(r)));
    }
}
