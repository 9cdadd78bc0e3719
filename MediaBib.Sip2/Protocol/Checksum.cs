using System.Globalization;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// SIP2 error detection checksum: the two's complement of the 16-bit sum of the bytes of the message, from its first
/// byte up to and including the "AZ" field id, written as 4 upper-case hex digits.
/// </summary>
public static class Checksum
{
    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }
        return (ushort)(-sum & 0xFFFF);
    }

    public static string ComputeHex(ReadOnlySpan<byte> bytes) =>
        Compute(bytes).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the 4 hex digits at the end of <paramref name="message"/> are the checksum of what precedes them:
    /// adding them to the byte sum gives 0 modulo 2^16.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> message)
    {
        if (message.Length < 6 || !TryParseHex(message[^4..], out var value))
        {
            return false;
        }
        var sum = 0;
        foreach (var b in message[..^4])
        {
            sum += b;
        }
        return ((sum + value) & 0xFFFF) == 0;
    }

    internal static bool TryParseHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }
            value = (value << 4) | digit;
        }
        return true;
    }
}
