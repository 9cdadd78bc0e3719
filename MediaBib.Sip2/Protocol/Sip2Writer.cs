using System.Globalization;
using System.Text;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// Builds the text of a response: the two-digit code, fixed fields of exact width, then "ID value|" variable fields.
/// Values are sanitised: the delimiter '|' becomes '/', CR, LF and other control characters become spaces, so a
/// value can never break the framing. The error-detection trailer is added later by <see cref="Sip2Encoder"/>.
/// </summary>
public sealed class Sip2Writer
{
    private readonly StringBuilder _text = new(128);
    private readonly Sip2Date _dates;

    public Sip2Writer(string code, Sip2Date dates)
    {
        _dates = dates;
        _text.Append(code);
    }

    /// <summary>Fixed text of exactly <paramref name="width"/> characters (padded with spaces, cut when longer).</summary>
    public Sip2Writer Fixed(string value, int width)
    {
        var clean = Sanitize(value);
        _text.Append(clean.Length >= width ? clean[..width] : clean.PadRight(width));
        return this;
    }

    /// <summary>'Y' or 'N'.</summary>
    public Sip2Writer YesNo(bool value) => Char(value ? 'Y' : 'N');

    /// <summary>'1' or '0'.</summary>
    public Sip2Writer OneZero(bool value) => Char(value ? '1' : '0');

    public Sip2Writer Tristate(Library.Sip2Tristate value) => Char(value switch
    {
        Library.Sip2Tristate.Yes => 'Y',
        Library.Sip2Tristate.No => 'N',
        Library.Sip2Tristate.Unknown => 'U',
    });

    public Sip2Writer Char(char c)
    {
        _text.Append(c);
        return this;
    }

    /// <summary>A zero-padded number of <paramref name="width"/> digits, clamped to what fits (9999 for 4).</summary>
    public Sip2Writer Number(int value, int width)
    {
        var max = (int)Math.Pow(10, width) - 1;
        _text.Append(Math.Clamp(value, 0, max).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        return this;
    }

    public Sip2Writer Date(DateTimeOffset instant)
    {
        _text.Append(_dates.Format(instant));
        return this;
    }

    /// <summary>A required variable field: always written, empty when the value is null.</summary>
    public Sip2Writer Field(string id, string? value)
    {
        _text.Append(id).Append(Sanitize(value ?? "")).Append('|');
        return this;
    }

    /// <summary>An optional field: written only when the value is not null.</summary>
    public Sip2Writer Optional(string id, string? value) => value is null ? this : Field(id, value);

    public Sip2Writer Optional(string id, DateTimeOffset? value) => value is null ? this : Field(id, _dates.Format(value.Value));

    public Sip2Writer Optional(string id, int? value) => value is null ? this : Field(id, value.Value.ToString(CultureInfo.InvariantCulture));

    public Sip2Writer Optional(string id, decimal? value) => value is null ? this : Field(id, Money(value.Value));

    public Sip2Writer Repeat(string id, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Field(id, value);
        }
        return this;
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();

    public static string Sanitize(string value)
    {
        if (!value.AsSpan().ContainsAny(Unsafe))
        {
            return value;
        }
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '|' => '/',
                < ' ' or '\u007F' => ' ',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        "|\u007F" + new string([.. Enumerable.Range(0, 32).Select(c => (char)c)]));
}
