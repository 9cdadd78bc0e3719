using System.Text;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

public class Iso2709ReaderTests
{
    /// <summary>
    /// Real files whose records are well-formed but not in the canonical layout the writer produces, so the bytes
    /// legitimately differ after a round trip.
    /// </summary>
    private static readonly Dictionary<string, string> NonCanonical = new()
    {
        ["marc4j-unordered-directory-entries.mrc"] = "directory entries not in data order",
        ["marcperl-title_proper.usmarc"] = "leader/22 not numeric in 2 records",
        ["yaz-marc6.marc"] = "leader/20-23 not 4500",
    };

    [Fact]
    public void Read_ThenWrite_ValidUtf8Files_GiveSameBytes()
    {
        var compared = 0;
        var failures = new List<string>();
        foreach (var file in MarcTestData.Files("marc21/iso2709").Concat(MarcTestData.Files("unimarc/iso2709")))
        {
            if (NonCanonical.ContainsKey(Path.GetFileName(file)))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(file);
            foreach (var read in Iso2709Reader.ReadFile(file).OfType<MarcRecordRead>().Where(r => r.SourceEncoding == MarcEncoding.Utf8))
            {
                var written = Iso2709Writer.ToBytes(read.Record);
                var offset = (int)read.ByteOffset!.Value;
                var original = bytes.AsSpan(offset, Math.Min(written.Length, bytes.Length - offset));
                if (!original.SequenceEqual(written) || bytes[offset + written.Length - 1] != 0x1D)
                {
                    failures.Add($"{Path.GetFileName(file)} record {read.RecordNumber}");
                }

                compared++;
            }
        }

        Assert.Empty(failures);
        Assert.True(compared > 1700, $"only {compared} records compared");
    }

    [Fact]
    public void Read_NonCanonicalRecord_WritesCanonicalRecordThatReadsBackEqual()
    {
        var file = MarcTestData.PathOf("marc21/iso2709/marc4j-unordered-directory-entries.mrc");
        var record = Assert.Single(MarcSamples.Records(Iso2709Reader.ReadFile(file)));

        var written = Iso2709Writer.ToBytes(record);
        var again = Assert.IsType<MarcRecordRead>(Assert.Single(Iso2709Reader.Read(new MemoryStream(written))));

        Assert.NotEqual(File.ReadAllBytes(file), written);
        Assert.True(record.ContentEquals(again.Record));
    }

    [Fact]
    public void Read_TruncatedFile_DeliversCompleteRecordsThenReportsTruncation()
    {
        var file = MarcTestData.PathOf("marc21/iso2709/marc4j-008008027.mrc");

        var results = Iso2709Reader.ReadFile(file).ToList();

        var records = results.OfType<MarcRecordRead>().ToList();
        Assert.Equal(18, records.Count);
        var error = Assert.IsType<MarcReadError>(results[^1]);
        Assert.Equal(MarcReadErrorReason.TruncatedRecord, error.Reason);
        Assert.Equal(19, error.RecordNumber);
        var last = records[^1];
        Assert.Equal(last.ByteOffset + Iso2709Writer.ToBytes(last.Record).Length, error.ByteOffset);
        Assert.Equal("marc.truncated-record", error.Code);
    }

    [Fact]
    public void Read_BadRecordsFile_ReportsEachWithPositionAndKeepsTheGoodOnes()
    {
        var file = MarcTestData.PathOf("marc21/iso2709/pymarc-bad_records.mrc");
        var bytes = File.ReadAllBytes(file);

        var results = Iso2709Reader.ReadFile(file).ToList();

        Assert.Equal(3, results.OfType<MarcRecordRead>().Count());
        var errors = results.OfType<MarcReadError>().Where(e => e.Reason != MarcReadErrorReason.StrayBytes).ToList();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Reason == MarcReadErrorReason.BadDirectory);
        Assert.Contains(errors, e => e.Reason == MarcReadErrorReason.BadLeader);
        foreach (var error in errors)
        {
            // Each error points at the leader of the rejected record.
            Assert.True(Encoding.ASCII.GetString(bytes, (int)error.ByteOffset!.Value, 5).All(char.IsAsciiDigit), error.ToString());
        }

        Assert.Equal(results.Select((r, i) => i + 1L), results.Select(r => r.RecordNumber));
    }

    [Fact]
    public void Read_LeaderLengthsThatDoNotMatch_AreRejectedAndTheOthersRead()
    {
        var results = Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/catmandu-bu_bibs.mrc")).ToList();

        Assert.Equal(84, results.OfType<MarcRecordRead>().Count());
        Assert.Equal(16, results.OfType<MarcReadError>().Count(e => e.Reason == MarcReadErrorReason.RecordLengthMismatch));
    }

    [Theory]
    [InlineData("marc21/iso2709/marcperl-cameleof.usmarc", 10)]
    [InlineData("marc21/iso2709/marcperl-filler.usmarc", 3)]
    [InlineData("marc21/iso2709/marcperl-sample1eof.usmarc", 1)]
    public void Read_StrayBytesBetweenRecords_AreReportedAndRecordsStillRead(string relative, int expectedRecords)
    {
        var results = Iso2709Reader.ReadFile(MarcTestData.PathOf(relative)).ToList();

        Assert.Equal(expectedRecords, results.OfType<MarcRecordRead>().Count());
        Assert.All(results.OfType<MarcReadError>(), e => Assert.Equal(MarcReadErrorReason.StrayBytes, e.Reason));
        Assert.NotEmpty(results.OfType<MarcReadError>());
    }

    [Fact]
    public void Read_StreamStartingWithRecordTerminator_ReportsStrayByteAtOffsetZero()
    {
        var results = Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/xbib-summerland2.mrc")).ToList();

        var first = Assert.IsType<MarcReadError>(results[0]);
        Assert.Equal(MarcReadErrorReason.StrayBytes, first.Reason);
        Assert.Equal(0, first.ByteOffset);
        Assert.Equal(1, first.RecordNumber);
    }

    [Fact]
    public void Read_MissingRecordTerminator_RejectsThatRecordAndReadsTheNext()
    {
        var one = Iso2709Writer.ToBytes(MarcSamples.Unimarc(1));
        var two = Iso2709Writer.ToBytes(MarcSamples.Unimarc(2));
        one[^1] = (byte)'#';

        var results = Iso2709Reader.Read(new MemoryStream([.. one, .. two])).ToList();

        var error = Assert.IsType<MarcReadError>(results[0]);
        Assert.Equal(MarcReadErrorReason.MissingRecordTerminator, error.Reason);
        Assert.Equal(0, error.ByteOffset);
        var second = Assert.IsType<MarcRecordRead>(results[1]);
        Assert.Equal(one.Length, second.ByteOffset);
        Assert.Equal(2, second.RecordNumber);
        Assert.Equal("SYN0000002", second.Record.ControlValue("001"));
    }

    [Fact]
    public void Read_DirectoryOffsetThatDoesNotMatch_IsRejectedWithItsOffset()
    {
        var good = Iso2709Writer.ToBytes(MarcSamples.Unimarc(1));
        var bad = Iso2709Writer.ToBytes(MarcSamples.Unimarc(2));
        bad[24 + 12 + 11] = (byte)(bad[24 + 12 + 11] + 1); // start of the 2nd field moved by one byte

        var results = Iso2709Reader.Read(new MemoryStream([.. good, .. bad, .. good])).ToList();

        Assert.Equal(3, results.Count);
        var error = Assert.IsType<MarcReadError>(results[1]);
        Assert.Equal(MarcReadErrorReason.DirectoryOffsetMismatch, error.Reason);
        Assert.Equal(good.Length, error.ByteOffset);
        Assert.IsType<MarcRecordRead>(results[2]);
    }

    [Fact]
    public void Read_InvalidUtf8InUnicodeRecord_IsRejected()
    {
        var record = MarcSamples.Unimarc(1);
        record.Leader = "     nam a22        450 ";
        var bytes = Iso2709Writer.ToBytes(record);
        var at = Array.IndexOf(bytes, (byte)'L', 24);
        bytes[at] = 0xFF;

        var result = Assert.Single(Iso2709Reader.Read(new MemoryStream(bytes)));

        var error = Assert.IsType<MarcReadError>(result);
        Assert.Equal(MarcReadErrorReason.InvalidUtf8, error.Reason);
        Assert.Contains(at.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Marc8AndUtf8VersionsOfTheSameRecords_GiveTheSameText()
    {
        if (YazCharsetConverter.Unavailability is { } problem)
        {
            Assert.Skip(problem);
        }

        var marc8 = Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/marc4j-brkrtest.mrc")).OfType<MarcRecordRead>().ToList();
        var utf8 = MarcSamples.Records(Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/marc4j-brkrtest_UTF8.mrc")));

        Assert.Equal(8, marc8.Count);
        Assert.Equal(8, utf8.Count);
        Assert.Contains(marc8, r => r.SourceEncoding == MarcEncoding.Marc8);
        for (var i = 0; i < 8; i++)
        {
            MarcSamples.AssertSameContent(Normalized(utf8[i]), Normalized(marc8[i].Record), $"record {i + 1}", ignoreLeader09: true);
        }
    }

    [Fact]
    public void Read_Marc8Record_ConvertsDiacriticsThroughYaz()
    {
        if (YazCharsetConverter.Unavailability is { } problem)
        {
            Assert.Skip(problem);
        }

        var read = Assert.Single(Iso2709Reader.ReadFile(MarcTestData.PathOf("marc21/iso2709/yaz-marc9.marc")).OfType<MarcRecordRead>());

        Assert.Equal(MarcEncoding.Marc8, read.SourceEncoding);
        Assert.Equal('a', read.Record.Leader[9]);
        Assert.Equal("Qaḍāʼ al-usrah", MarcMapper.Map(read.Record).Title!.Normalize(NormalizationForm.FormC));
    }

    [Fact]
    public void Read_FiftyThousandRecordsFromALazyStream_ReadsThemAllWithoutBufferingTheStream()
    {
        const int count = 50_000;
        using var stream = new GeneratedMarcStream(count);

        using var results = Iso2709Reader.Read(stream).GetEnumerator();
        Assert.True(results.MoveNext());
        var servedAfterFirst = stream.BytesServed;
        var records = 1;
        var errors = 0;
        while (results.MoveNext())
        {
            if (results.Current is MarcRecordRead)
            {
                records++;
            }
            else
            {
                errors++;
            }
        }

        Assert.Equal(count, records);
        Assert.Equal(0, errors);
        Assert.True(servedAfterFirst < stream.BytesServed / 100, $"{servedAfterFirst} of {stream.BytesServed} bytes read before the first record");
    }

    private static MarcRecord Normalized(MarcRecord record) => new(
        record.Leader,
        record.Fields.Select(f => f switch
        {
            MarcControlField c => (MarcField)new MarcControlField(c.Tag, c.Data.Normalize(NormalizationForm.FormC)),
            MarcDataField d => new MarcDataField(d.Tag, d.Indicator1, d.Indicator2,
                d.Subfields.Select(s => s with { Value = s.Value.Normalize(NormalizationForm.FormC) })),
            _ => f,
        }));

    /// <summary>A forward-only stream that produces ISO 2709 records as it is read; it never holds more than one.</summary>
    private sealed class GeneratedMarcStream(int count) : Stream
    {
        private byte[] _current = [];
        private int _position;
        private int _next;

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int length)
        {
            if (_position == _current.Length)
            {
                if (_next == count)
                {
                    return 0;
                }

                _current = Iso2709Writer.ToBytes(MarcSamples.Unimarc(++_next));
                _position = 0;
            }

            var n = Math.Min(length, _current.Length - _position);
            Array.Copy(_current, _position, buffer, offset, n);
            _position += n;
            BytesServed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
