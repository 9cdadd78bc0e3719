namespace MediaBib.Sip2.Protocol;

/// <summary>What the error-detection trailer of a received message says.</summary>
public enum EnvelopeStatus
{
    /// <summary>No trailer: error detection off for this message.</summary>
    Plain,
    /// <summary>AY/AZ present and the checksum matches.</summary>
    Verified,
    BadChecksum,
    /// <summary>AY present but not followed by one digit.</summary>
    BadSequence,
}

/// <summary>
/// The error-detection trailer "AY&lt;n&gt;AZ&lt;xxxx&gt;" at the end of a message (AY is optional, as in "97AZFEF5").
/// <see cref="BodyLength"/> counts the bytes before the trailer.
/// </summary>
public readonly record struct Sip2Envelope(EnvelopeStatus Status, int? Sequence, int BodyLength)
{
    public bool HasChecksum => Status is EnvelopeStatus.Verified or EnvelopeStatus.BadChecksum or EnvelopeStatus.BadSequence;

    public static Sip2Envelope Read(ReadOnlySpan<byte> message)
    {
        var n = message.Length;
        var hasAz = n >= 6 && message[n - 6] == (byte)'A' && message[n - 5] == (byte)'Z';
        var hasAy = n >= 9 && message[n - 9] == (byte)'A' && message[n - 8] == (byte)'Y' && hasAz;
        if (!hasAz || (!Checksum.TryParseHex(message[^4..], out _) && !hasAy))
        {
            return new Sip2Envelope(EnvelopeStatus.Plain, null, n);
        }
        var bodyLength = hasAy ? n - 9 : n - 6;
        if (!Checksum.Verify(message))
        {
            return new Sip2Envelope(EnvelopeStatus.BadChecksum, null, bodyLength);
        }
        if (!hasAy)
        {
            return new Sip2Envelope(EnvelopeStatus.Verified, null, bodyLength);
        }
        var digit = message[n - 7];
        return digit is >= (byte)'0' and <= (byte)'9'
            ? new Sip2Envelope(EnvelopeStatus.Verified, digit - '0', bodyLength)
            : new Sip2Envelope(EnvelopeStatus.BadSequence, null, bodyLength);
    }
}
