using System.Globalization;
using MediaBib.Domain.Common;

namespace MediaBib.Infrastructure.Search;

/// <summary>
/// Recognises a whole query that is an ISBN (10 or 13, hyphens and spaces allowed, checksum verified), an ISSN or an
/// item barcode, and gives every stored form worth looking up (an ISBN-10 is also looked up as its ISBN-13 and back).
/// </summary>
internal sealed record Identifiers(IReadOnlyList<string> Isbns, IReadOnlyList<string> Issns, string? Barcode)
{
    public static Identifiers Read(string text)
    {
        var compact = new string(text.Where(c => c is not ('-' or ' ')).ToArray()).ToUpperInvariant();
        return new Identifiers(IsbnForms(compact), IssnForms(compact), BarcodeOf(text));
    }

    private static List<string> IsbnForms(string compact)
    {
        if (compact.Length is not (10 or 13) || !TryIsbn(compact, out var isbn))
        {
            return [];
        }

        var isbn13 = isbn.ToIsbn13();
        var forms = new List<string> { isbn.Value, isbn13 };
        if (isbn13.StartsWith("978", StringComparison.Ordinal))
        {
            forms.Add(ToIsbn10(isbn13));
        }

        return forms.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool TryIsbn(string compact, out Isbn isbn)
    {
        try
        {
            isbn = Isbn.From(compact);
            return true;
        }
        catch (ValidationException)
        {
            isbn = default;
            return false;
        }
    }

    private static string ToIsbn10(string isbn13)
    {
        var stem = isbn13[3..12];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (stem[i] - '0') * (10 - i);
        }

        var check = (11 - sum % 11) % 11;
        return stem + (check == 10 ? "X" : check.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>ISSNs are stored as typed, so both the hyphenated and the compact forms are looked up.</summary>
    private static List<string> IssnForms(string compact)
    {
        if (compact.Length != 8 || !compact[..7].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(compact[7]) || compact[7] == 'X'))
        {
            return [];
        }

        return [compact[..4] + "-" + compact[4..], compact];
    }

    /// <summary>A single token that is a valid barcode and holds a digit (so ordinary words are not looked up).</summary>
    private static string? BarcodeOf(string text) =>
        text.Length is > 0 and <= Domain.Common.Barcode.MaxLength
        && text.Any(char.IsAsciiDigit)
        && Domain.Common.Barcode.TryFrom(text, out var barcode)
            ? barcode.Value
            : null;
}
