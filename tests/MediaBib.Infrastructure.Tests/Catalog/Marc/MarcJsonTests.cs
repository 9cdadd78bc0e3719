using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

public class MarcJsonTests
{
    [Fact]
    public void SerializeThenDeserialize_EveryRecordOfEveryFile_IsLossless()
    {
        var compared = 0;
        foreach (var file in new[] { "marc21/iso2709", "marc21/xml", "unimarc/iso2709", "unimarc/xml" }.SelectMany(MarcTestData.Files))
        {
            foreach (var record in MarcSamples.Records(MarcSamples.ReadAny(file)))
            {
                var back = MarcJson.Deserialize(MarcJson.Serialize(record));
                Assert.True(record.ContentEquals(back), $"{Path.GetFileName(file)}: {record}");
                compared++;
            }
        }

        Assert.True(compared > 2000, $"only {compared} records compared");
    }

    [Fact]
    public void Serialize_Record_UsesMarcInJsonShape()
    {
        var record = new MarcRecord("     nam0 22        450 ",
        [
            new MarcControlField("001", "42"),
            new MarcDataField("200", '1', ' ', new MarcSubfield('a', "L'Étranger"), new MarcSubfield('f', "Camus")),
        ]);

        var json = MarcJson.Serialize(record);

        Assert.Equal(
            """{"leader":"     nam0 22        450 ","fields":[{"001":"42"},{"200":{"ind1":"1","ind2":" ","subfields":[{"a":"L'Étranger"},{"f":"Camus"}]}}]}""",
            json);
    }

    [Theory]
    [InlineData("""{"fields":[]}""")]
    [InlineData("""{"leader":"short","fields":[]}""")]
    [InlineData("""{"leader":"     nam0 22        450 ","fields":[{"200":{"ind1":"12","ind2":" ","subfields":[]}}]}""")]
    [InlineData("not json")]
    public void Deserialize_NotAMarcRecord_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => MarcJson.Deserialize(json));
    }
}
