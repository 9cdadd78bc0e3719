using System.Text;
using System.Xml;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>Which XML schema <see cref="MarcXmlWriter"/> writes.</summary>
public enum MarcXmlSchema
{
    /// <summary>MARCXML, <c>http://www.loc.gov/MARC21/slim</c> (what Koha exports, also for UNIMARC).</summary>
    MarcXml,

    /// <summary>MarcXchange v2, <c>info:lc/xmlns/marcxchange-v2</c> (the BnF's UNIMARC exchange format).</summary>
    MarcXchange,
}

/// <summary>
/// Streams records as a MARCXML or MarcXchange <c>collection</c>: one record at a time, never the whole file.
/// Dispose to close the collection.
/// </summary>
public sealed class MarcXmlWriter : IDisposable
{
    private readonly XmlWriter _xml;
    private readonly string _ns;
    private readonly string? _format;

    public MarcXmlWriter(Stream stream, MarcXmlSchema schema = MarcXmlSchema.MarcXml, string? format = null)
    {
        _xml = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            CloseOutput = false,
        });
        _ns = schema == MarcXmlSchema.MarcXml ? MarcXmlReader.MarcXmlNamespace : MarcXmlReader.MarcXchangeNamespace;
        _format = schema == MarcXmlSchema.MarcXchange ? format ?? "UNIMARC" : null;
        _xml.WriteStartDocument();
        _xml.WriteStartElement("collection", _ns);
    }

    public void Write(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            _xml.WriteStartElement("record", _ns);
            if (_format is not null)
            {
                _xml.WriteAttributeString("format", _format);
                _xml.WriteAttributeString("type", "Bibliographic");
            }

            _xml.WriteElementString("leader", _ns, record.Leader);
            foreach (var field in record.Fields)
            {
                switch (field)
                {
                    case MarcControlField control:
                        _xml.WriteStartElement("controlfield", _ns);
                        _xml.WriteAttributeString("tag", control.Tag);
                        _xml.WriteString(control.Data);
                        _xml.WriteEndElement();
                        break;
                    case MarcDataField data:
                        _xml.WriteStartElement("datafield", _ns);
                        _xml.WriteAttributeString("tag", data.Tag);
                        _xml.WriteAttributeString("ind1", data.Indicator1.ToString());
                        _xml.WriteAttributeString("ind2", data.Indicator2.ToString());
                        foreach (var subfield in data.Subfields)
                        {
                            _xml.WriteStartElement("subfield", _ns);
                            _xml.WriteAttributeString("code", subfield.Code.ToString());
                            _xml.WriteString(subfield.Value);
                            _xml.WriteEndElement();
                        }

                        _xml.WriteEndElement();
                        break;
                    default:
                        throw new MarcWriteException($"Unknown field type {field.GetType().Name}.");
                }
            }

            _xml.WriteEndElement();
        }
        catch (ArgumentException e)
        {
            throw new MarcWriteException($"The record cannot be written as XML: {e.Message}");
        }
    }

    public static string ToXml(MarcRecord record, MarcXmlSchema schema = MarcXmlSchema.MarcXml)
    {
        using var buffer = new MemoryStream();
        using (var writer = new MarcXmlWriter(buffer, schema))
        {
            writer.Write(record);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _xml.Dispose();
    }
}
