using System.Text;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

public class MarcXmlReaderTests
{
    [Theory]
    [InlineData("marc21/iso2709/marc4j-summerland.mrc", "marc21/xml/marc4j-summerland.xml", 1, false)]
    [InlineData("marc21/iso2709/marc4j-chabon.mrc", "marc21/xml/marc4j-chabon.xml", 2, false)]
    // The XML side of this pair was exported by Koha, which sets leader/09 = 'a'; everything else is identical.
    [InlineData("unimarc/iso2709/marcjs-bib.mrc", "unimarc/xml/marcjs-bib.xml", 6, true)]
    public void Read_GoldenIsoAndXmlPairs_GiveTheSameRecords(string iso, string xml, int count, bool leader09Differs)
    {
        var fromIso = MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf(iso)));
        var fromXml = MarcSamples.Records(MarcXmlReader.ReadFile(MarcTestData.PathOf(xml)));

        Assert.Equal(count, fromIso.Count);
        Assert.Equal(count, fromXml.Count);
        for (var i = 0; i < count; i++)
        {
            MarcSamples.AssertSameContent(fromIso[i], fromXml[i], $"record {i + 1}", leader09Differs);
        }
    }

    [Fact]
    public void Read_Marc8GoldenPair_MatchesYazOutput()
    {
        if (YazCharsetConverter.Unavailability is { } problem)
        {
            Assert.Skip(problem);
        }

        var fromIso = Assert.Single(MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/yaz-marc7.marc"))));
        var fromXml = Assert.Single(MarcSamples.Records(MarcXmlReader.ReadFile(MarcTestData.PathOf("marc21/xml/yaz-marc7.xml"))));

        MarcSamples.AssertSameContent(fromXml, fromIso, "yaz-marc7");
    }

    [Fact]
    public void WriteThenRead_EveryXmlFile_GivesEqualRecords()
    {
        var compared = 0;
        foreach (var file in MarcTestData.Files("marc21/xml").Concat(MarcTestData.Files("unimarc/xml")))
        {
            var records = MarcSamples.Records(MarcXmlReader.ReadFile(file));
            foreach (var schema in new[] { MarcXmlSchema.MarcXml, MarcXmlSchema.MarcXchange })
            {
                var buffer = new MemoryStream();
                using (var writer = new MarcXmlWriter(buffer, schema))
                {
                    records.ForEach(writer.Write);
                }

                buffer.Position = 0;
                var again = MarcXmlReader.Read(buffer).ToList();
                Assert.All(again, r => Assert.IsType<MarcRecordRead>(r));
                var back = MarcSamples.Records(again);
                Assert.Equal(records.Count, back.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    Assert.True(records[i].ContentEquals(back[i]), $"{Path.GetFileName(file)} record {i + 1} ({schema})");
                    compared++;
                }
            }
        }

        Assert.True(compared > 300, $"only {compared} records compared");
    }

    [Fact]
    public void IsoToXmlToIso_Utf8File_GivesSameBytes()
    {
        var file = MarcTestData.PathOf("unimarc/iso2709/bsg-cotes8.mrc");
        var records = MarcSamples.Records(Iso2709Reader.ReadFile(file));
        var xml = new MemoryStream();
        using (var writer = new MarcXmlWriter(xml))
        {
            records.ForEach(writer.Write);
        }

        xml.Position = 0;
        var iso = new MemoryStream();
        var isoWriter = new Iso2709Writer(iso);
        foreach (var record in MarcSamples.Records(MarcXmlReader.Read(xml)))
        {
            isoWriter.Write(record);
        }

        Assert.Equal(35, records.Count);
        Assert.Equal(File.ReadAllBytes(file), iso.ToArray());
    }

    [Fact]
    public void Read_BnfSruResponseWithSurrogateDiagnostics_ReportsThemAndReadsTheRecords()
    {
        var results = MarcXmlReader.ReadFile(MarcTestData.PathOf("unimarc/xml/bnf-sru-flaubert-unimarc.xml")).ToList();

        Assert.Equal(47, results.OfType<MarcRecordRead>().Count());
        var diagnostics = results.OfType<MarcReadError>().ToList();
        Assert.Equal([21L, 41L, 44L], diagnostics.Select(d => d.RecordNumber));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(MarcReadErrorReason.SurrogateDiagnostic, d.Reason);
            Assert.Contains("info:srw/diagnostic/1/131", d.Detail, StringComparison.Ordinal);
            Assert.True(d.Line > 0);
        });
    }

    [Fact]
    public void Read_BnfSruResponse_ReadsMarcXchangeRecordsWithBlankLeaderLengths()
    {
        var results = MarcXmlReader.ReadFile(MarcTestData.PathOf("unimarc/xml/bnf-sru-hugo-unimarc.xml")).ToList();

        Assert.Equal(50, results.Count);
        var records = MarcSamples.Records(results);
        Assert.Equal(50, records.Count);
        Assert.All(records, r => Assert.Equal("     ", r.Leader[..5]));
        Assert.All(records, r => Assert.Equal(MarcFlavour.Unimarc, MarcFlavourDetector.Detect(r)));
        Assert.All(records, r => Assert.StartsWith("FRBNF", r.ControlValue("001"), StringComparison.Ordinal));
    }

    [Fact]
    public void Read_XmlBrokenPartWay_KeepsRecordsBeforeAndReportsWhere()
    {
        var results = MarcXmlReader.ReadFile(MarcTestData.PathOf("marc21/xml/rubymarc-three-records-second-bad.xml")).ToList();

        Assert.Equal(2, results.Count);
        var first = Assert.IsType<MarcRecordRead>(results[0]);
        Assert.Equal(1, first.RecordNumber);
        var error = Assert.IsType<MarcReadError>(results[1]);
        Assert.Equal(MarcReadErrorReason.XmlNotWellFormed, error.Reason);
        Assert.Equal(2, error.RecordNumber);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void Read_RecordWithoutSubfieldCode_IsRejectedAndTheNextRead()
    {
        const string xml = """
            <collection xmlns="http://www.loc.gov/MARC21/slim">
              <record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">one</controlfield></record>
              <record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield>x</subfield></datafield></record>
              <record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">three</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Trois</subfield><subfield code="b">suite</subfield></datafield></record>
            </collection>
            """;

        var results = MarcXmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList();

        Assert.Equal(3, results.Count);
        Assert.Equal("one", Assert.IsType<MarcRecordRead>(results[0]).Record.ControlValue("001"));
        var error = Assert.IsType<MarcReadError>(results[1]);
        Assert.Equal(MarcReadErrorReason.MissingSubfieldCode, error.Reason);
        Assert.Equal(2, error.RecordNumber);
        var third = Assert.IsType<MarcRecordRead>(results[2]).Record;
        Assert.Equal("suite", third.FirstSubfield("245", 'b'));
    }

    [Theory]
    [InlineData("marc21/xml/marc4j-chabon-missing-controlfield-tag.xml", MarcReadErrorReason.MissingTag)]
    [InlineData("marc21/xml/marc4j-chabon-missing-subfield-code.xml", MarcReadErrorReason.MissingSubfieldCode)]
    [InlineData("marc21/xml/marcperl-empty-record.xml", MarcReadErrorReason.EmptyRecord)]
    [InlineData("marc21/xml/pymarc-bad_tag.xml", MarcReadErrorReason.BadLeader)]
    public void Read_MalformedXmlRecord_IsReportedWithReason(string relative, MarcReadErrorReason reason)
    {
        var result = Assert.Single(MarcXmlReader.ReadFile(MarcTestData.PathOf(relative)));

        var error = Assert.IsType<MarcReadError>(result);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(1, error.RecordNumber);
    }

    [Theory]
    [InlineData("unimarc/xml/sudoc-088884074.xml")]
    [InlineData("unimarc/xml/bsg-estampenumerisation192.xml")]
    public void Read_UnimarcWithoutNamespace_ReadsTheRecord(string relative)
    {
        var record = Assert.Single(MarcSamples.Records(MarcXmlReader.ReadFile(MarcTestData.PathOf(relative))));

        Assert.Equal(MarcFlavour.Unimarc, MarcFlavourDetector.Detect(record));
        Assert.NotNull(record.FirstSubfield("200", 'a'));
    }
}
