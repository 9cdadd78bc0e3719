using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

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
/// <remarks>
/// Writes UTF-8 straight into a buffer (no <see cref="System.Xml.XmlWriter"/>: it cost more than reading the ISO 2709
/// record), byte for byte what <c>XmlWriter</c> writes with <c>Indent = true</c>: two-space indentation, "\n" new lines,
/// <c>&lt; &gt; &amp;</c> escaped (and <c>"</c>, tab, CR, LF in attributes), CR LF and CR in text written as LF,
/// <c>&lt;x /&gt;</c> for a data field without subfields. A character XML 1.0 forbids (controls other than tab/CR/LF,
/// U+FFFE, U+FFFF, a lone surrogate) throws <see cref="MarcWriteException"/> and nothing of that record is written:
/// the next records can still be written. The buffer goes to the stream once it holds 64 KB, and on dispose.
/// </remarks>
public sealed class MarcXmlWriter : IDisposable
{
    private const int FlushThreshold = 1 << 16;

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create(Specials(attribute: false));
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create(Specials(attribute: true));

    private readonly Stream _stream;
    private readonly byte[] _recordStart;
    private byte[] _buffer;
    private int _length;
    private bool _hasRecords;
    private bool _disposed;

    public MarcXmlWriter(Stream stream, MarcXmlSchema schema = MarcXmlSchema.MarcXml, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
        var ns = schema == MarcXmlSchema.MarcXml ? MarcXmlReader.MarcXmlNamespace : MarcXmlReader.MarcXchangeNamespace;
        Raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<collection xmlns=\""u8);
        Text(ns, attribute: true);
        Raw("\""u8);
        // The record start tag is prepared once, in the buffer, then taken out of it.
        var headerEnd = _length;
        if (schema == MarcXmlSchema.MarcXchange)
        {
            Raw("\n  <record format=\""u8);
            Text(format ?? "UNIMARC", attribute: true);
            Raw("\" type=\"Bibliographic\">"u8);
        }
        else
        {
            Raw("\n  <record>"u8);
        }

        _recordStart = _buffer.AsSpan(headerEnd, _length - headerEnd).ToArray();
        _length = headerEnd;
    }

    public void Write(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var mark = _length;
        try
        {
            if (!_hasRecords)
            {
                Raw(">"u8);
            }

            Raw(_recordStart);
            Raw("\n    <leader>"u8);
            Text(record.Leader, attribute: false);
            Raw("</leader>"u8);

            foreach (var field in record.Fields)
            {
                switch (field)
                {
                    case MarcControlField control:
                        Raw("\n    <controlfield tag=\""u8);
                        Text(control.Tag, attribute: true);
                        Raw("\">"u8);
                        Text(control.Data, attribute: false);
                        Raw("</controlfield>"u8);
                        break;
                    case MarcDataField data:
                        Raw("\n    <datafield tag=\""u8);
                        Text(data.Tag, attribute: true);
                        Raw("\" ind1=\""u8);
                        Char(data.Indicator1);
                        Raw("\" ind2=\""u8);
                        Char(data.Indicator2);
                        if (data.SubfieldSpan.IsEmpty)
                        {
                            Raw("\" />"u8);
                            break;
                        }

                        Raw("\">"u8);
                        foreach (var subfield in data.SubfieldSpan)
                        {
                            Raw("\n      <subfield code=\""u8);
                            Char(subfield.Code);
                            Raw("\">"u8);
                            Text(subfield.Value, attribute: false);
                            Raw("</subfield>"u8);
                        }

                        Raw("\n    </datafield>"u8);
                        break;
                    default:
                        throw new MarcWriteException($"Unknown field type {field.GetType().Name}.");
                }
            }

            Raw("\n  </record>"u8);
        }
        catch (MarcWriteException)
        {
            _length = mark;
            throw;
        }

        _hasRecords = true;
        if (_length >= FlushThreshold)
        {
            Drain();
        }
    }

    public static string ToXml(MarcRecord record, MarcXmlSchema schema = MarcXmlSchema.MarcXml)
    {
        using var buffer = new MemoryStream();
        using (var writer = new MarcXmlWriter(buffer, schema))
        {
            writer.Write(record);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Raw(_hasRecords ? "\n</collection>"u8 : " />"u8);
        Drain();
        _stream.Flush();
        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Drain()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Char(char c)
    {
        if (c is >= ' ' and < (char)0x7F and not '<' and not '>' and not '&' and not '"')
        {
            Ensure(1);
            _buffer[_length++] = (byte)c;
        }
        else
        {
            Text(new ReadOnlySpan<char>(in c), attribute: true);
        }
    }

    /// <summary>Escaped UTF-8 text: an escape is at most 6 bytes for one UTF-16 unit, a plain unit at most 3.</summary>
    private void Text(ReadOnlySpan<char> text, bool attribute)
    {
        Ensure(text.Length * 6);
        var specials = attribute ? AttributeSpecials : TextSpecials;
        var consumed = 0;
        while (true)
        {
            var rest = text[consumed..];
            var at = rest.IndexOfAny(specials);
            var plain = at < 0 ? rest : rest[..at];
            if (!plain.IsEmpty)
            {
                var status = Utf8.FromUtf16(plain, _buffer.AsSpan(_length), out var read, out var written, replaceInvalidSequences: false);
                if (status != OperationStatus.Done)
                {
                    var bad = consumed + read;
                    throw new MarcWriteException(string.Create(CultureInfo.InvariantCulture,
                        $"The record cannot be written as XML: the character 0x{(int)text[bad]:X4} at position {bad} is a lone surrogate."));
                }

                _length += written;
            }

            if (at < 0)
            {
                return;
            }

            consumed += at;
            var c = text[consumed++];
            ReadOnlySpan<byte> escape = c switch
            {
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '&' => "&amp;"u8,
                '"' => "&quot;"u8,
                '\t' => attribute ? "&#x9;"u8 : "\t"u8,
                '\n' => attribute ? "&#xA;"u8 : "\n"u8,
                '\r' => attribute ? "&#xD;"u8 : "\n"u8,
                _ => throw new MarcWriteException(string.Create(CultureInfo.InvariantCulture,
                    $"The record cannot be written as XML: '{c}', hexadecimal value 0x{(int)c:X2}, is an invalid character.")),
            };
            if (c == '\r' && !attribute && consumed < text.Length && text[consumed] == '\n')
            {
                consumed++;
            }

            escape.CopyTo(_buffer.AsSpan(_length));
            _length += escape.Length;
        }
    }

    private static string Specials(bool attribute)
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append("<>&\uFFFE\uFFFF");
        if (attribute)
        {
            chars.Append('"');
        }

        return chars.ToString();
    }
}
