using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Notifications.Letters;
using SkiaSharp;

namespace MediaBib.Infrastructure.Desk;

/// <summary>
/// The words of a receipt, from the web app's resources (the writer holds no UI text). Format strings take the
/// date or count as <c>{0}</c>.
/// </summary>
public sealed record ReceiptTexts(string Title, string DateFormat, string CardFormat, string DueOnFormat, string CountFormat, string Empty, string Thanks);

/// <summary>
/// A checkout receipt as a PDF one ticket wide (80 mm, one page as long as the list), for patrons who want it by
/// email or on screen rather than on the ticket printer. Dates are French (dd/MM/yyyy) in the library's time zone.
/// </summary>
public static class ReceiptPdfWriter
{
    public const float PageWidth = 80f * 72f / 25.4f;

    private const float Margin = 4f * 72f / 25.4f;
    private const float LineHeight = 12.5f;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static void Write(Receipt receipt, DateTime issuedAtUtc, ReceiptTexts texts, Stream output)
    {
        using var regular = Typeface(SKFontStyle.Normal);
        using var bold = Typeface(SKFontStyle.Bold);
        using var text = new SKFont(regular, 9f);
        using var strong = new SKFont(bold, 9f);
        using var heading = new SKFont(bold, 11f);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        var width = PageWidth - 2 * Margin;
        var lines = Layout(receipt, issuedAtUtc, texts, s => text.MeasureText(s), width);
        var height = 2 * Margin + (lines.Count + 1) * LineHeight;
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = texts.Title, Creator = "MediaBib" });
        var canvas = document.BeginPage(PageWidth, height);
        var y = Margin + LineHeight;
        foreach (var (content, style) in lines)
        {
            var font = style switch
            {
                LineStyle.Heading => heading,
                LineStyle.Strong => strong,
                LineStyle.Normal or LineStyle.Rule => text,
            };
            if (style == LineStyle.Rule)
            {
                canvas.DrawLine(Margin, y - LineHeight / 2, PageWidth - Margin, y - LineHeight / 2, paint);
            }
            else if (style == LineStyle.Heading)
            {
                canvas.DrawText(content, PageWidth / 2, y, SKTextAlign.Center, font, paint);
            }
            else
            {
                canvas.DrawText(content, Margin, y, SKTextAlign.Left, font, paint);
            }

            y += LineHeight;
        }

        document.EndPage();
        document.Close();
    }

    private enum LineStyle
    {
        Normal,
        Strong,
        Heading,
        Rule,
    }

    private static List<(string Text, LineStyle Style)> Layout(Receipt receipt, DateTime issuedAtUtc, ReceiptTexts texts, Func<string, float> measure, float width)
    {
        var lines = new List<(string, LineStyle)>();
        void Add(string value, LineStyle style = LineStyle.Normal) =>
            lines.AddRange(TextWrapper.Wrap(value, width, measure).Select(l => (l, style)));

        Add(string.IsNullOrWhiteSpace(receipt.Library) ? texts.Title : receipt.Library, LineStyle.Heading);
        Add(string.Format(French, texts.DateFormat, LibraryTime.ToLocal(issuedAtUtc).ToString("dd/MM/yyyy HH:mm", French)));
        Add(receipt.PatronName, LineStyle.Strong);
        Add(string.Format(French, texts.CardFormat, receipt.CardNumber));
        if (receipt.Lines.Count == 0)
        {
            lines.Add(("", LineStyle.Rule));
            Add(texts.Empty);
        }

        foreach (var line in receipt.Lines)
        {
            lines.Add(("", LineStyle.Rule));
            Add(line.Title);
            Add(line.CallNumber is null ? line.Barcode : $"{line.Barcode} · {line.CallNumber}");
            Add(string.Format(French, texts.DueOnFormat, LibraryTime.ToLocal(line.DueAt).ToString("dd/MM/yyyy", French)), LineStyle.Strong);
        }

        lines.Add(("", LineStyle.Rule));
        Add(string.Format(French, texts.CountFormat, receipt.Lines.Count));
        Add(texts.Thanks);
        return lines;
    }

    private static SKTypeface Typeface(SKFontStyle style) =>
        SKFontManager.Default.MatchFamily("DejaVu Sans", style)
        ?? SKTypeface.FromFile(style.Weight >= (int)SKFontStyleWeight.Bold
            ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
            : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        ?? SKTypeface.Default;
}
