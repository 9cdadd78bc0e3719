using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// Streaming ISO 2709 reader: yields one result per record (or per rejected record / stray bytes) and keeps at most
/// one record in memory. A malformed record is reported with its number, byte offset and reason, and reading resumes
/// after the next record terminator (0x1D).
/// </summary>
public static class Iso2709Reader
{
    internal const byte RecordTerminator = 0x1D;
    internal const byte FieldTerminator = 0x1E;
    internal const byte SubfieldDelimiter = 0x1F;
    private const byte Escape = 0x1B;

    public static IEnumerable<MarcReadResult> Read(Stream stream, MarcReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadIterator(stream, options ?? MarcReaderOptions.Default);
    }

    public static IEnumerable<MarcReadResult> ReadFile(string path, MarcReaderOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var result in Read(stream, options))
        {
            yield return result;
        }
    }

    private static IEnumerable<MarcReadResult> ReadIterator(Stream stream, MarcReaderOptions options)
    {
        var chunker = new Chunker(stream, options.MaxRecordBytes);
        using var decoders = new Decoders();
        long recordNumber = 0;
        var results = new List<MarcReadResult>(2);
        while (chunker.Next(out var chunk, out var chunkOffset, out var terminated, out var tooLong))
        {
            results.Clear();
            if (tooLong)
            {
                results.Add(new MarcReadError(++recordNumber, chunkOffset, MarcReadErrorReason.RecordTooLong,
                    Invariant($"no record terminator within {options.MaxRecordBytes} bytes; skipped {chunker.SkippedBytes} bytes")));
            }
            else
            {
                SplitChunk(chunk, chunkOffset, terminated, options, decoders, ref recordNumber, results);
            }

            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    /// <summary>A chunk is everything up to and including the next 0x1D: normally exactly one record.</summary>
    private static void SplitChunk(
        ArraySegment<byte> chunk, long chunkOffset, bool terminated, MarcReaderOptions options, Decoders decoders,
        ref long recordNumber, List<MarcReadResult> results)
    {
        var bytes = chunk.AsSpan();
        var pos = 0;
        while (pos < bytes.Length)
        {
            var start = FindLeaderStart(bytes, pos);
            if (start < 0)
            {
                var isTerminatorOnly = bytes.Length - pos == 1 && bytes[pos] == RecordTerminator;
                results.Add(new MarcReadError(++recordNumber, chunkOffset + pos, MarcReadErrorReason.StrayBytes,
                    isTerminatorOnly
                        ? "a record terminator with no record before it"
                        : Invariant($"{bytes.Length - pos} bytes that do not start a record ({Preview(bytes[pos..])})")));
                return;
            }

            if (start > pos)
            {
                results.Add(new MarcReadError(++recordNumber, chunkOffset + pos, MarcReadErrorReason.StrayBytes,
                    Invariant($"{start - pos} bytes before a record ({Preview(bytes[pos..start])})")));
            }

            var number = ++recordNumber;
            var offset = chunkOffset + start;
            var available = bytes.Length - start;
            var length = ParseDigits(bytes.Slice(start, 5));
            if (available < MarcRecord.LeaderLength)
            {
                results.Add(terminated
                    ? new MarcReadError(number, offset, MarcReadErrorReason.BadLeader,
                        Invariant($"only {available} bytes before the record terminator, a leader has 24"))
                    : new MarcReadError(number, offset, MarcReadErrorReason.TruncatedRecord,
                        Invariant($"the stream ends {available} bytes into the record")));
                return;
            }

            if (length == available && terminated)
            {
                results.Add(ParseRecord(bytes.Slice(start, length), number, offset, options, decoders));
                return;
            }

            if (!terminated && length >= available)
            {
                results.Add(new MarcReadError(number, offset, MarcReadErrorReason.TruncatedRecord,
                    Invariant($"the leader says {length} bytes, the stream ends after {available}")));
                return;
            }

            if (length < available && length > MarcRecord.LeaderLength && FindLeaderStart(bytes[(start + length)..], 0) == 0)
            {
                // The next record starts where this one should have ended: only the terminator is missing.
                results.Add(new MarcReadError(number, offset, MarcReadErrorReason.MissingRecordTerminator,
                    Invariant($"byte {length - 1} of the record should be 0x1D but is 0x{bytes[start + length - 1]:X2}")));
                pos = start + length;
                continue;
            }

            results.Add(new MarcReadError(number, offset, MarcReadErrorReason.RecordLengthMismatch,
                Invariant($"the leader says {length} bytes, the record terminator comes after {available}")));
            return;
        }
    }

    private static MarcReadResult ParseRecord(
        ReadOnlySpan<byte> rec, long number, long offset, MarcReaderOptions options, Decoders decoders)
    {
        MarcReadError Error(MarcReadErrorReason reason, string detail) => new(number, offset, reason, detail);

        var leaderBytes = rec[..MarcRecord.LeaderLength];
        foreach (var b in leaderBytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return Error(MarcReadErrorReason.BadLeader, Invariant($"leader byte 0x{b:X2} is not printable ASCII"));
            }
        }

        var baseAddress = ParseDigits(leaderBytes.Slice(12, 5));
        if (baseAddress < 0)
        {
            return Error(MarcReadErrorReason.BadLeader, "base address (leader/12-16) is not numeric");
        }

        var lengthOfLength = DigitOr(leaderBytes[20], 4);
        var lengthOfStart = DigitOr(leaderBytes[21], 5);
        var lengthOfImpl = DigitOr(leaderBytes[22], 0);
        if (lengthOfLength == 0 || lengthOfStart == 0)
        {
            return Error(MarcReadErrorReason.BadLeader, "entry map (leader/20-21) gives zero-length directory numbers");
        }

        if (baseAddress <= MarcRecord.LeaderLength || baseAddress >= rec.Length || rec[baseAddress - 1] != FieldTerminator)
        {
            return Error(MarcReadErrorReason.BadDirectory,
                Invariant($"base address {baseAddress} does not follow a directory ended by 0x1E"));
        }

        var entrySize = 3 + lengthOfLength + lengthOfStart + lengthOfImpl;
        var directory = rec[MarcRecord.LeaderLength..(baseAddress - 1)];
        if (directory.Length % entrySize != 0)
        {
            return Error(MarcReadErrorReason.BadDirectory,
                Invariant($"directory of {directory.Length} bytes is not made of {entrySize}-byte entries"));
        }

        var entryCount = directory.Length / entrySize;
        var rawFields = new (string Tag, int Start, int Length)[entryCount];
        var dataEnd = rec.Length - 1;
        for (var i = 0; i < entryCount; i++)
        {
            var entry = directory.Slice(i * entrySize, entrySize);
            var tagBytes = entry[..3];
            foreach (var b in tagBytes)
            {
                if (b is <= 0x20 or > 0x7E)
                {
                    return Error(MarcReadErrorReason.InvalidTag, Invariant($"directory entry {i + 1} has a tag with byte 0x{b:X2}"));
                }
            }

            var tag = Tag(tagBytes);
            var fieldLength = ParseDigits(entry.Slice(3, lengthOfLength));
            var fieldStart = ParseDigits(entry.Slice(3 + lengthOfLength, lengthOfStart));
            if (fieldLength < 1 || fieldStart < 0)
            {
                return Error(MarcReadErrorReason.BadDirectory,
                    Invariant($"directory entry {i + 1} ({tag}) has a non-numeric length or start"));
            }

            var absoluteStart = baseAddress + fieldStart;
            var absoluteEnd = absoluteStart + fieldLength;
            if (absoluteEnd > dataEnd || rec[absoluteEnd - 1] != FieldTerminator)
            {
                return Error(MarcReadErrorReason.DirectoryOffsetMismatch,
                    Invariant($"field {tag} (entry {i + 1}, start {fieldStart}, length {fieldLength}) does not end with 0x1E"));
            }

            rawFields[i] = (tag, absoluteStart, fieldLength - 1);
        }

        var encoding = ChooseEncoding(rec, leaderBytes, baseAddress, rawFields, options, out var validUtf8);
        if (encoding is null)
        {
            return Error(MarcReadErrorReason.InvalidUtf8, "the record's bytes are not valid UTF-8 and no legacy character set is declared");
        }

        YazCharsetConverter? converter = null;
        if (encoding != MarcEncoding.Utf8)
        {
            if (YazCharsetConverter.Unavailability is { } problem)
            {
                return Error(MarcReadErrorReason.CharsetConverterUnavailable, problem);
            }

            try
            {
                converter = decoders.Get(encoding.Value);
            }
            catch (MarcCharsetException e)
            {
                return Error(MarcReadErrorReason.CharsetConverterUnavailable, e.Message);
            }
        }
        else if (!validUtf8 && !Utf8.IsValid(rec[baseAddress..]))
        {
            return Error(MarcReadErrorReason.InvalidUtf8, Invariant($"invalid UTF-8 at byte {baseAddress + FirstInvalidUtf8(rec[baseAddress..])}"));
        }

        var fields = new List<MarcField>(entryCount);
        try
        {
            foreach (var (tag, start, length) in rawFields)
            {
                var data = rec.Slice(start, length);
                if (MarcField.IsControlTag(tag))
                {
                    fields.Add(new MarcControlField(tag, Decode(data, converter)));
                    continue;
                }

                if (data.Length < 2 || !IsIndicator(data[0]) || !IsIndicator(data[1]))
                {
                    return Error(MarcReadErrorReason.InvalidIndicators, Invariant($"field {tag} has no valid indicators"));
                }

                var content = data[2..];
                if (!content.IsEmpty && content[0] != SubfieldDelimiter)
                {
                    return Error(MarcReadErrorReason.InvalidSubfield, Invariant($"field {tag} has data before its first subfield"));
                }

                var subfields = new MarcSubfield[content.Count(SubfieldDelimiter)];
                var n = 0;
                while (!content.IsEmpty)
                {
                    content = content[1..];
                    var next = content.IndexOf(SubfieldDelimiter);
                    var piece = next < 0 ? content : content[..next];
                    content = next < 0 ? [] : content[next..];
                    if (piece.IsEmpty || piece[0] is <= 0x20 or > 0x7E)
                    {
                        return Error(MarcReadErrorReason.InvalidSubfield,
                            piece.IsEmpty
                                ? Invariant($"field {tag} has a subfield delimiter without a code")
                                : Invariant($"field {tag} has a subfield code 0x{piece[0]:X2}"));
                    }

                    subfields[n++] = new MarcSubfield((char)piece[0], Decode(piece[1..], converter));
                }

                fields.Add(MarcDataField.Own(tag, (char)data[0], (char)data[1], subfields));
            }
        }
        catch (MarcCharsetException e)
        {
            return Error(MarcReadErrorReason.CharsetConversionFailed, e.Message);
        }

        var leader = Encoding.ASCII.GetString(leaderBytes);
        var record = new MarcRecord(leader, fields);
        if (encoding == MarcEncoding.Marc8)
        {
            // The text is Unicode now: say so, as MARC21 does (leader/09 = 'a').
            record.Leader = string.Concat(leader.AsSpan(0, 9), "a", leader.AsSpan(10));
        }
        else if (encoding is MarcEncoding.Iso5426 or MarcEncoding.Iso6937)
        {
            MarkUnimarcAsUnicode(record);
        }

        return new MarcRecordRead(number, offset, record, encoding.Value);
    }

    /// <summary>
    /// UTF-8 when leader/09 is 'a' or the bytes are valid UTF-8 without escape sequences (many files in the wild are
    /// UTF-8 with a blank leader/09 or 100$a); otherwise the declared legacy set: UNIMARC 100$a/26-29 ("03" ISO 5426),
    /// else MARC-8 for MARC21. Null: invalid UTF-8 and nothing declared.
    /// </summary>
    private static MarcEncoding? ChooseEncoding(
        ReadOnlySpan<byte> rec, ReadOnlySpan<byte> leader, int baseAddress, (string Tag, int Start, int Length)[] fields,
        MarcReaderOptions options, out bool validUtf8)
    {
        validUtf8 = false;
        if (options.ForceEncoding is { } forced)
        {
            return forced;
        }

        var data = rec[baseAddress..];
        if (leader[9] == (byte)'a')
        {
            return MarcEncoding.Utf8;
        }

        if (data.IndexOf(Escape) < 0 && Utf8.IsValid(data))
        {
            validUtf8 = true;
            return MarcEncoding.Utf8;
        }

        var unimarc100 = UnimarcGeneralData(rec, fields);
        if (unimarc100.Length >= 30)
        {
            var sets = Encoding.ASCII.GetString(unimarc100.Slice(26, 4));
            if (sets.Contains("50", StringComparison.Ordinal))
            {
                return null;
            }

            if (sets.StartsWith("03", StringComparison.Ordinal) || sets.EndsWith("03", StringComparison.Ordinal))
            {
                return MarcEncoding.Iso5426;
            }

            return null;
        }

        return MarcEncoding.Marc8;
    }

    /// <summary>The bytes of UNIMARC 100$a (starts with an 8-digit date), or empty when the record has none.</summary>
    private static ReadOnlySpan<byte> UnimarcGeneralData(ReadOnlySpan<byte> rec, (string Tag, int Start, int Length)[] fields)
    {
        foreach (var (tag, start, length) in fields)
        {
            if (tag != "100")
            {
                continue;
            }

            var data = rec.Slice(start, length);
            if (data.Length > 4 && data[2] == SubfieldDelimiter && data[3] == (byte)'a')
            {
                var value = data[4..];
                var end = value.IndexOf(SubfieldDelimiter);
                value = end < 0 ? value : value[..end];
                return value.Length >= 8 && ParseDigits(value[..8]) >= 0 ? value : [];
            }
        }

        return [];
    }

    private static void MarkUnimarcAsUnicode(MarcRecord record)
    {
        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (record.Fields[i] is MarcDataField { Tag: "100" } field && field.First('a') is { Length: >= 30 } a)
            {
                var subfields = field.Subfields.Select(s => s.Code == 'a' && s.Value == a
                    ? s with { Value = string.Concat(a.AsSpan(0, 26), "50  ", a.AsSpan(30)) }
                    : s);
                record.Fields[i] = new MarcDataField(field.Tag, field.Indicator1, field.Indicator2, subfields);
                return;
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, YazCharsetConverter? converter) =>
        converter is null ? Encoding.UTF8.GetString(bytes) : converter.Convert(bytes);

    /// <summary>The tag as a string; numeric tags (nearly all) come from a table instead of a new string per field.</summary>
    private static string Tag(ReadOnlySpan<byte> bytes)
    {
        var number = ParseDigits(bytes);
        return number >= 0 ? NumericTags[number] : Encoding.ASCII.GetString(bytes);
    }

    private static readonly string[] NumericTags =
        [.. Enumerable.Range(0, 1000).Select(i => i.ToString("D3", CultureInfo.InvariantCulture))];

    private static bool IsIndicator(byte b) => b is >= 0x20 and <= 0x7E;

    /// <summary>Start of the first 5 ASCII digits at or after <paramref name="from"/>, or -1.</summary>
    private static int FindLeaderStart(ReadOnlySpan<byte> bytes, int from)
    {
        for (var i = from; i + 5 <= bytes.Length; i++)
        {
            if (ParseDigits(bytes.Slice(i, 5)) >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static int ParseDigits(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty)
        {
            return -1;
        }

        var value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static int DigitOr(byte b, int fallback) => b is >= (byte)'0' and <= (byte)'9' ? b - '0' : fallback;

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var len = bytes[i] < 0x80 ? 1 : bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2;
            if (i + len > bytes.Length || !Utf8.IsValid(bytes.Slice(i, len)))
            {
                return i;
            }

            i += len;
        }

        return bytes.Length;
    }

    private static string Preview(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, 8)];
        var hex = string.Join(' ', shown.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        return bytes.Length > shown.Length ? hex + " …" : hex;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the stream in blocks and cuts it after each record terminator.</summary>
    private sealed class Chunker(Stream stream, int maxRecordBytes)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private long _bufferOffset;
        private bool _eof;

        /// <summary>Bytes dropped by the last chunk reported as too long.</summary>
        public long SkippedBytes { get; private set; }

        public bool Next(out ArraySegment<byte> chunk, out long offset, out bool terminated, out bool tooLong)
        {
            tooLong = false;
            var scanned = 0;
            while (true)
            {
                var index = Array.IndexOf(_buffer, RecordTerminator, _start + scanned, _end - _start - scanned);
                if (index >= 0)
                {
                    offset = _bufferOffset + _start;
                    chunk = new ArraySegment<byte>(_buffer, _start, index + 1 - _start);
                    terminated = true;
                    _start = index + 1;
                    return true;
                }

                if (_end - _start > maxRecordBytes)
                {
                    offset = _bufferOffset + _start;
                    SkippedBytes = SkipToNextTerminator();
                    chunk = new ArraySegment<byte>([]);
                    terminated = true;
                    tooLong = true;
                    return true;
                }

                scanned = _end - _start;
                if (!Fill())
                {
                    offset = _bufferOffset + _start;
                    terminated = false;
                    if (_start == _end)
                    {
                        chunk = default;
                        return false;
                    }

                    chunk = new ArraySegment<byte>(_buffer, _start, _end - _start);
                    _start = _end;
                    return true;
                }
            }
        }

        private long SkipToNextTerminator()
        {
            long skipped = _end - _start;
            _start = _end;
            while (Fill())
            {
                var t = Array.IndexOf(_buffer, RecordTerminator, _start, _end - _start);
                if (t >= 0)
                {
                    skipped += t + 1 - _start;
                    _start = t + 1;
                    break;
                }

                skipped += _end - _start;
                _start = _end;
            }

            return skipped;
        }

        /// <summary>Reads more bytes, compacting or growing the buffer; false at end of stream.</summary>
        private bool Fill()
        {
            if (_eof)
            {
                return false;
            }

            if (_start > 0)
            {
                var kept = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
                _bufferOffset += _start;
                _start = 0;
                _end = kept;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return false;
            }

            _end += read;
            return true;
        }
    }

    /// <summary>One YAZ converter per legacy character set met in the stream, closed at the end.</summary>
    private sealed class Decoders : IDisposable
    {
        private readonly Dictionary<MarcEncoding, YazCharsetConverter> _open = [];

        public YazCharsetConverter Get(MarcEncoding encoding)
        {
            if (!_open.TryGetValue(encoding, out var converter))
            {
                converter = YazCharsetConverter.Open(encoding);
                _open[encoding] = converter;
            }

            return converter;
        }

        public void Dispose()
        {
            foreach (var converter in _open.Values)
            {
                converter.Dispose();
            }
        }
    }
}
