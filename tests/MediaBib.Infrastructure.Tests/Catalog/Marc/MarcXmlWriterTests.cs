using System.Text;
using System.Xml;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

/// <summary>
/// <see cref="MarcXmlWriter"/> writes UTF-8 itself (for speed); it must give byte for byte what the framework's
/// <see cref="XmlWriter"/> (indented, UTF-8) wrote before, which <see cref="Reference"/> still does here.
/// </summary>
public class MarcXmlWriterTests
{
    [Theory]
    [InlineData(MarcXmlSchema.MarcXml)]
    [InlineData(MarcXmlSchema.MarcXchange)]
    public void Write_EveryMarcFile_GivesTheBytesOfXmlWriter(MarcXmlSchema schema)
    {
        var files = MarcTestData.Files("marc21/iso2709").Concat(MarcTestData.Files("unimarc/iso2709"))
            .Concat(MarcTestData.Files("marc21/xml")).Concat(MarcTestData.Files("unimarc/xml"));
        var compared = 0;
        foreach (var file in files)
        {
            var records = MarcSamples.Records(MarcSamples.ReadAny(file));
            if (records.Count == 0)
            {
                continue;
            }

            Assert.Equal(Reference(records, schema), Ours(records, schema));
            compared += records.Count;
        }

        Assert.True(compared > 10, $"only {compared} records compared");
    }

    [Fact]
    public void Write_EscapesNewLinesEmptyValuesAndNonAscii_LikeXmlWriter()
    {
        MarcRecord[] records =
        [
            new("00000nam a2200000 i 4500",
            [
                new MarcControlField("001", ""),
                new MarcControlField("005", "a<b>&c\"d'e"),
                new MarcDataField("245", '1', '0', new MarcSubfield('a', "ligne\r\nsuite\rfin\nx\ty"), new MarcSubfield('b', "")),
                new MarcDataField("246", '"', '<'),
                new MarcDataField("500", ' ', '&', new MarcSubfield('"', "é 😀 \u0085 \u00A0 ﬁ"), new MarcSubfield('<', ">")),
            ]),
            MarcSamples.Unimarc(7),
        ];

        Assert.Equal(Reference(records, MarcXmlSchema.MarcXml), Ours(records, MarcXmlSchema.MarcXml));
        Assert.Equal(Reference([], MarcXmlSchema.MarcXml), Ours([], MarcXmlSchema.MarcXml));
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0xD800)]   // a lone surrogate (built here: attribute strings cannot carry one)
    [InlineData(0xFFFE)]
    public void Write_ForbiddenCharacter_ThrowsAndLeavesNothingOfThatRecord(int character)
    {
        var value = $"before {(char)character} after";
        var bad = new MarcRecord("00000nam a2200000 i 4500", [new MarcDataField("245", '1', '0', new MarcSubfield('a', value))]);
        var good = MarcSamples.Unimarc(1);
        var buffer = new MemoryStream();
        using (var writer = new MarcXmlWriter(buffer))
        {
            Assert.Throws<MarcWriteException>(() => writer.Write(bad));
            writer.Write(good);
        }

        Assert.Equal(Reference([good], MarcXmlSchema.MarcXml), buffer.ToArray());
        var back = Assert.Single(MarcSamples.Records(MarcXmlReader.Read(new MemoryStream(buffer.ToArray()))));
        MarcSamples.AssertSameContent(good, back, "after a refused record");
    }

    private static byte[] Ours(IEnumerable<MarcRecord> records, MarcXmlSchema schema)
    {
        var buffer = new MemoryStream();
        using (var writer = new MarcXmlWriter(buffer, schema))
        {
            foreach (var record in records)
            {
                writer.Write(record);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The writer as it was, on <see cref="XmlWriter"/>.</summary>
    private static byte[] Reference(IEnumerable<MarcRecord> records, MarcXmlSchema schema)
    {
        var ns = schema == MarcXmlSchema.MarcXml ? MarcXmlReader.MarcXmlNamespace : MarcXmlReader.MarcXchangeNamespace;
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("collection", ns);
            foreach (var record in records)
            {
                xml.WriteStartElement("record", ns);
                if (schema == MarcXmlSchema.MarcXchange)
                {
                    xml.WriteAttributeString("format", "UNIMARC");
                    xml.WriteAttributeString("type", "Bibliographic");
                }

                xml.WriteElementString("leader", ns, record.Leader);
                foreach (var field in record.Fields)
                {
                    if (field is MarcControlField control)
                    {
                        xml.WriteStartElement("controlfield", ns);
                        xml.WriteAttributeString("tag", control.Tag);
                        xml.WriteString(control.Data);
                        xml.WriteEndElement();
                        continue;
                    }

                    var data = (MarcDataField)field;
                    xml.WriteStartElement("datafield", ns);
                    xml.WriteAttributeString("tag", data.Tag);
                    xml.WriteAttributeString("ind1", data.Indicator1.ToString());
                    xml.WriteAttributeString("ind2", data.Indicator2.ToString());
                    foreach (var subfield in data.Subfields)
                    {
                        xml.WriteStartElement("subfield", ns);
                        xml.WriteAttributeString("code", subfield.Code.ToString());
                        xml.WriteString(subfield.Value);
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
