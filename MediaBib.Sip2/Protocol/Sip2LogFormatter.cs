using System.Text;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// The only way SIP2 messages reach the logs: passwords (CO login password, AD patron password, AC terminal
/// password) are replaced by "***" wherever they stand, control characters are shown as \xNN, and long garbage is cut.
/// </summary>
public static class Sip2LogFormatter
{
    public const int MaxLoggedLength = 512;
    private const string Mask = "***";

    public static string Format(ReadOnlySpan<byte> message, Encoding encoding, bool received = true)
    {
        var cut = message.Length > MaxLoggedLength ? message[..MaxLoggedLength] : message;
        var text = Format(encoding.GetString(cut), received);
        return message.Length > MaxLoggedLength ? text + $"…(+{message.Length - MaxLoggedLength} bytes)" : text;
    }

    /// <summary>
    /// Redacts secret fields: any segment starting with CO, AD or AC, including the first after the fixed part. For
    /// received messages (<paramref name="received"/>) a secret id anywhere inside a value is masked too, because a
    /// terminal that forgets a '|' glues "ADpin" onto the previous field; a response never carries a secret, so its
    /// values (names such as "COLETTE") are left readable.
    /// </summary>
    public static string Format(string message, bool received = true)
    {
        var output = new StringBuilder(message.Length);
        var segments = message.Split('|');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                output.Append('|');
            }
            var segment = segments[i];
            var valueStart = i == 0 ? FirstFieldStart(segment) : 0;
            output.Append(Escape(Redact(segment, valueStart, received)));
        }
        return output.ToString();
    }

    /// <summary>Where the first variable field starts: after the fixed part, whose width depends on the command.</summary>
    private static int FirstFieldStart(string segment) =>
        segment.Length >= 2 && Sip2RequestParser.FixedLength(segment[..2]) is int length ? 2 + length : 2;

    private static string Redact(string segment, int fieldStart, bool scanValues)
    {
        if (segment.Length < fieldStart + 2)
        {
            return segment;
        }
        if (FieldCodes.Secrets.Contains(segment.Substring(fieldStart, 2)))
        {
            return string.Concat(segment.AsSpan(0, fieldStart + 2), Mask);
        }
        if (!scanValues)
        {
            return segment;
        }
        var first = -1;
        foreach (var secret in FieldCodes.Secrets)
        {
            var at = segment.IndexOf(secret, fieldStart + 2, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }
        return first < 0 ? segment : string.Concat(segment.AsSpan(0, first + 2), Mask);
    }

    private static string Escape(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }
        var output = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                output.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                output.Append(c);
            }
        }
        return output.ToString();
    }
}
