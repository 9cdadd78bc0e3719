using System.Globalization;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// SIP2 dates: 18 characters "YYYYMMDDZZZZHHMMSS". ZZZZ is four spaces for the library's local time (Europe/Paris
/// here) or "   Z" for UTC. Terminals often send blanks; those parse as null.
/// </summary>
public sealed class Sip2Date(TimeZoneInfo timeZone)
{
    public const int Length = 18;

    public TimeZoneInfo TimeZone { get; } = timeZone;

    public static Sip2Date Paris() => new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    public string Format(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        return local.ToString("yyyyMMdd'    'HHmmss", CultureInfo.InvariantCulture);
    }

    public DateTimeOffset? Parse(string value)
    {
        if (value.Length != Length || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = string.Concat(value.AsSpan(0, 8), value.AsSpan(12, 6));
        if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var stamp))
        {
            return null;
        }
        if (value[11] == 'Z')
        {
            return new DateTimeOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Utc));
        }
        var offset = TimeZone.GetUtcOffset(DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified));
        return new DateTimeOffset(stamp, offset);
    }
}
