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

    public static string Format(ReadOnlySpan<byte> message, Encoding encoding)
    {
        var cut = message.Length > MaxLoggedLength ? message[..MaxLoggedLength] : message;
        var text = Format(encoding.GetString(cut));
        return message.Length > MaxLoggedLength ? text + $"…(+{message.Length - MaxLoggedLength} bytes)" : text;
    }

    /// <summary>Redacts secret fields: any segment starting with CO, AD or AC, including the first after the fixed part.</summary>
    public static string Format(string message)
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
            if (i == 0)
            {
                output.Append(Escape(RedactFirstSegment(segment)));
            }
            else if (segment.Length >= 2 && FieldCodes.Secrets.Contains(segment[..2]))
            {
                output.Append(segment, 0, 2).Append(Mask);
            }
            else
            {
                output.Append(Escape(segment));
            }
        }
        return output.ToString();
    }

    /// <summary>The first field follows the fixed part, whose width depends on the command.</summary>
    private static string RedactFirstSegment(string segment)
    {
        if (segment.Length < 2)
        {
            return segment;
        }
        var fixedLength = Sip2RequestParser.FixedLength(segment[..2]);
        if (fixedLength is int length)
        {
            var start = 2 + length;
            return segment.Length >= start + 2 && FieldCodes.Secrets.Contains(segment.Substring(start, 2))
                ? string.Concat(segment.AsSpan(0, start + 2), Mask)
                : segment;
        }
        // Unknown command: redact from the first secret id onwards rather than risk a password in the log.
        foreach (var secret in FieldCodes.Secrets)
        {
            var at = segment.IndexOf(secret, 2, StringComparison.Ordinal);
            if (at >= 0)
            {
                return string.Concat(segment.AsSpan(0, at + 2), Mask);
            }
        }
        return segment;
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
