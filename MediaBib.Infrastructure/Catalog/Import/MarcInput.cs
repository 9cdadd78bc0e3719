using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>Opens a MARC stream with the right reader: ISO 2709 or XML, chosen or detected from the first bytes.</summary>
public static class MarcInput
{
    private const int PeekLength = 64;

    private static readonly System.Buffers.SearchValues<byte> Blanks = System.Buffers.SearchValues.Create(" \t\r\n"u8);

    public static IEnumerable<MarcReadResult> Read(Stream stream, ImportFormat format, MarcEncoding? forceEncoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = stream;
        if (format == ImportFormat.Detect)
        {
            var prefix = new byte[PeekLength];
            var count = 0;
            int n;
            while (count < prefix.Length && (n = stream.Read(prefix, count, prefix.Length - count)) > 0)
            {
                count += n;
            }

            format = Detect(prefix.AsSpan(0, count));
            input = new PrefixedStream(prefix.AsMemory(0, count), stream);
        }

        return format == ImportFormat.MarcXml
            ? MarcXmlReader.Read(input)
            : Iso2709Reader.Read(input, new MarcReaderOptions { ForceEncoding = forceEncoding });
    }

    /// <summary>XML when the first non-blank character (after a UTF-8 BOM) is '&lt;'; ISO 2709 otherwise.</summary>
    public static ImportFormat Detect(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }

        var i = start.IndexOfAnyExcept(Blanks);
        return i >= 0 && start[i] == (byte)'<' ? ImportFormat.MarcXml : ImportFormat.Iso2709;
    }

    /// <summary>A read-only stream that serves bytes already read, then the rest of the inner stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            if (!_prefix.IsEmpty)
            {
                n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
            }
            else
            {
                n = inner.Read(buffer);
            }

            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n;
            if (!_prefix.IsEmpty)
            {
                n = Math.Min(buffer.Length, _prefix.Length);
                _prefix[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
            }
            else
            {
                n = await inner.ReadAsync(buffer, cancellationToken);
            }

            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
