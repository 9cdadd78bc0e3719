using System.Globalization;

namespace MediaBib.Domain.Common;

/// <summary>An item barcode as scanned: 1 to 32 letters, digits or dashes.</summary>
public readonly record struct Barcode
{
    public const int MaxLength = 32;

    private Barcode(string value) => Value = value;

    public string Value { get; }

    public static Barcode From(string? raw, string field = "barcode")
    {
        var value = Guard.Required(raw, field, MaxLength).ToUpperInvariant();
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? new Barcode(value)
            : throw new ValidationException(field, ValidationError.InvalidFormat);
    }

    public static bool TryFrom(string? raw, out Barcode barcode)
    {
        try
        {
            barcode = From(raw);
            return true;
        }
        catch (ValidationException)
        {
            barcode = default;
            return false;
        }
    }

    public override string ToString() => Value;
}

/// <summary>A patron card number (printed barcode on the library card).</summary>
public readonly record struct CardNumber
{
    public const int MaxLength = 32;

    private CardNumber(string value) => Value = value;

    public string Value { get; }

    public static CardNumber From(string? raw) => new(Barcode.From(raw, "cardNumber").Value);

    public override string ToString() => Value;
}

/// <summary>A short code naming a library of the network (e.g. <c>CENTRE</c>).</summary>
public readonly record struct LibraryCode
{
    public const int MaxLength = 16;

    private LibraryCode(string value) => Value = value;

    public string Value { get; }

    public static LibraryCode From(string? raw)
    {
        var value = Guard.Required(raw, "code", MaxLength).ToUpperInvariant();
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new LibraryCode(value)
            : throw new ValidationException("code", ValidationError.InvalidFormat);
    }

    public override string ToString() => Value;
}

/// <summary>An ISBN-10 or ISBN-13, stored without hyphens, checksum verified.</summary>
public readonly record struct Isbn
{
    public const int MaxLength = 13;

    private Isbn(string value) => Value = value;

    public string Value { get; }

    public static Isbn From(string? raw)
    {
        var compact = new string(Guard.Required(raw, "isbn", 32).Where(c => c is not ('-' or ' ')).ToArray())
            .ToUpperInvariant();
        if (compact.Length == 13 && compact.All(char.IsAsciiDigit))
        {
            var sum = 0;
            for (var i = 0; i < 12; i++)
            {
                sum += (compact[i] - '0') * (i % 2 == 0 ? 1 : 3);
            }

            return (10 - sum % 10) % 10 == compact[12] - '0'
                ? new Isbn(compact)
                : throw new ValidationException("isbn", ValidationError.InvalidChecksum);
        }

        if (compact.Length == 10 && compact[..9].All(char.IsAsciiDigit) && (char.IsAsciiDigit(compact[9]) || compact[9] == 'X'))
        {
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (compact[i] - '0') * (10 - i);
            }

            sum += compact[9] == 'X' ? 10 : compact[9] - '0';
            return sum % 11 == 0 ? new Isbn(compact) : throw new ValidationException("isbn", ValidationError.InvalidChecksum);
        }

        throw new ValidationException("isbn", ValidationError.InvalidFormat);
    }

    /// <summary>The ISBN-13 form (ISBN-10 converted), used for matching.</summary>
    public string ToIsbn13()
    {
        if (Value.Length == 13)
        {
            return Value;
        }

        var stem = "978" + Value[..9];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (stem[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return stem + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }

    public override string ToString() => Value;
}
