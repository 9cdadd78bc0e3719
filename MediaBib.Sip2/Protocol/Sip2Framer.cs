using System.Buffers;

namespace MediaBib.Sip2.Protocol;

/// <summary>How a terminal ends its messages; answers end the same way (a bare LF, as from netcat, gets CRLF).</summary>
public enum Sip2Terminator
{
    Cr,
    CrLf,
    Lf,
}

/// <summary>One message as received, without its terminator. <see cref="TooLong"/> frames carry no payload.</summary>
public sealed record Sip2Frame(byte[] Payload, Sip2Terminator Terminator, bool TooLong = false);

/// <summary>
/// Cuts a byte stream into SIP2 messages at CR, CRLF or LF. Empty lines are skipped. A message longer than the limit
/// is discarded up to its terminator and reported once as a <see cref="Sip2Frame.TooLong"/> frame.
/// </summary>
public sealed class Sip2Framer(int maxMessageLength)
{
    private bool _discarding;
    private bool _swallowLf;

    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out Sip2Frame? frame)
    {
        frame = null;
        while (!buffer.IsEmpty)
        {
            if (_swallowLf)
            {
                _swallowLf = false;
                if (buffer.FirstSpan[0] == (byte)'\n')
                {
                    buffer = buffer.Slice(1);
                    continue;
                }
            }
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadToAny(out ReadOnlySequence<byte> line, "\r\n"u8, advancePastDelimiter: false))
            {
                if (buffer.Length > maxMessageLength && !_discarding)
                {
                    _discarding = true;
                    buffer = buffer.Slice(buffer.End);
                    frame = new Sip2Frame([], Sip2Terminator.Cr, TooLong: true);
                    return true;
                }
                if (_discarding)
                {
                    buffer = buffer.Slice(buffer.End);
                }
                return false;
            }
            reader.TryRead(out var terminatorByte);
            var terminator = terminatorByte == (byte)'\n' ? Sip2Terminator.Lf : Sip2Terminator.Cr;
            if (terminator == Sip2Terminator.Cr)
            {
                if (reader.TryPeek(out var next) && next == (byte)'\n')
                {
                    terminator = Sip2Terminator.CrLf;
                    reader.Advance(1);
                }
                else if (reader.End)
                {
                    _swallowLf = true;
                }
            }
            var afterTerminator = buffer.Slice(reader.Position);
            buffer = afterTerminator;
            if (_discarding)
            {
                _discarding = false;
                continue;
            }
            if (line.Length > maxMessageLength)
            {
                frame = new Sip2Frame([], terminator, TooLong: true);
                return true;
            }
            if (line.IsEmpty)
            {
                continue;
            }
            frame = new Sip2Frame(line.ToArray(), terminator);
            return true;
        }
        return false;
    }

    public static byte[] TerminatorBytes(Sip2Terminator terminator) => terminator switch
    {
        Sip2Terminator.Cr => "\r"u8.ToArray(),
        Sip2Terminator.CrLf or Sip2Terminator.Lf => "\r\n"u8.ToArray(),
    };
}
