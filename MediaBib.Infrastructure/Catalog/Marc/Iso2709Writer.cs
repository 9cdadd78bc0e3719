using System.Globalization;
using System.Text;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// Writes records as ISO 2709 in UTF-8. Lengths, base address and directory are computed; the rest of the leader is
/// written as stored (leader/10-11 forced to "22" and leader/20-22 to "450", the only layout this writer produces).
/// A record read from a valid UTF-8 file is written back byte for byte.
/// </summary>
public sealed class Iso2709Writer(Stream stream)
{
    public const int MaxRecordLength = 99_999;

    public void Write(MarcRecord record) => stream.Write(ToBytes(record));

    public static byte[] ToBytes(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var data = new MemoryStream();
        var directory = new MemoryStream(record.Fields.Count * 12);
        foreach (var field in record.Fields)
        {
            var start = (int)data.Length;
            switch (field)
            {
                case MarcControlField control:
                    WriteUtf8(data, control.Data);
                    break;
                case MarcDataField dataField:
                    data.WriteByte(Ascii(dataField.Indicator1, field.Tag));
                    data.WriteByte(Ascii(dataField.Indicator2, field.Tag));
                    foreach (var subfield in dataField.Subfields)
                    {
                        data.WriteByte(Iso2709Reader.SubfieldDelimiter);
                        data.WriteByte(Ascii(subfield.Code, field.Tag));
                        WriteUtf8(data, subfield.Value);
                    }

                    break;
                default:
                    throw new MarcWriteException($"Unknown field type {field.GetType().Name}.");
            }

            data.WriteByte(Iso2709Reader.FieldTerminator);
            var length = (int)data.Length - start;
            if (length > 9999)
            {
                throw new MarcWriteException($"Field {field.Tag} is {length} bytes long; ISO 2709 allows 9999.");
            }

            foreach (var c in field.Tag)
            {
                directory.WriteByte(Ascii(c, field.Tag));
            }

            WriteNumber(directory, length, 4);
            WriteNumber(directory, start, 5);
        }

        directory.WriteByte(Iso2709Reader.FieldTerminator);
        data.WriteByte(Iso2709Reader.RecordTerminator);
        var baseAddress = MarcRecord.LeaderLength + (int)directory.Length;
        var total = baseAddress + (int)data.Length;
        if (total > MaxRecordLength)
        {
            throw new MarcWriteException($"The record is {total} bytes long; ISO 2709 allows {MaxRecordLength}.");
        }

        var result = new byte[total];
        var leader = record.Leader;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{total:D5}{leader.AsSpan(5, 5)}22{baseAddress:D5}{leader.AsSpan(17, 3)}450{leader[23]}");
        for (var i = 0; i < MarcRecord.LeaderLength; i++)
        {
            result[i] = Ascii(header[i], "leader");
        }

        directory.GetBuffer().AsSpan(0, (int)directory.Length).CopyTo(result.AsSpan(MarcRecord.LeaderLength));
        data.GetBuffer().AsSpan(0, (int)data.Length).CopyTo(result.AsSpan(baseAddress));
        return result;
    }

    private static void WriteUtf8(MemoryStream target, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var count = Encoding.UTF8.GetBytes(text, buffer);
        var content = buffer[..count];
        if (content.IndexOfAny(Iso2709Reader.RecordTerminator, Iso2709Reader.FieldTerminator, Iso2709Reader.SubfieldDelimiter) >= 0)
        {
            throw new MarcWriteException("Field data contains an ISO 2709 delimiter (0x1D, 0x1E or 0x1F).");
        }

        target.Write(content);
    }

    private static void WriteNumber(MemoryStream target, int value, int digits)
    {
        Span<byte> buffer = stackalloc byte[digits];
        for (var i = digits - 1; i >= 0; i--)
        {
            buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        target.Write(buffer);
    }

    private static byte Ascii(char c, string where) =>
        c is >= ' ' and <= '~'
            ? (byte)c
            : throw new MarcWriteException($"'{c}' (U+{(int)c:X4}) in {where} is not printable ASCII; ISO 2709 needs ASCII here.");
}

/// <summary>A record cannot be written (too long, a non-ASCII tag or indicator…).</summary>
public sealed class MarcWriteException(string message) : Exception(message);
