using SkiaSharp;

namespace MediaBib.Infrastructure.Notifications.Letters;

/// <summary>One letter: who writes, who receives (address lines for the envelope window), and what it says.</summary>
public sealed record Letter(IReadOnlyList<string> Letterhead, IReadOnlyList<string> AddressLines, string PlaceAndDate, string Subject, string Body);

/// <summary>
/// Renders letters to an A4 PDF, one letter per page (a long letter continues on the next pages). The letterhead sits
/// top left; the recipient's address sits in the window of a DL window envelope (window 100 × 45 mm, 20 mm from the
/// left edge, 45 mm from the top), so the folded letter needs no addressing.
/// </summary>
public static class LetterPdfWriter
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;

    /// <summary>The envelope window on the page, in millimetres from the top-left corner.</summary>
    public static readonly (float Left, float Top, float Width, float Height) WindowMm = (20f, 45f, 100f, 45f);

    private const float MarginMm = 20f;
    private const float BodyTopMm = 112f;
    private const float BottomMm = 277f;
    private const float BodySize = 10.5f;
    private const float LineHeight = 14f;

    public static float Mm(float millimetres) => millimetres * 72f / 25.4f;

    public static void Write(IEnumerable<Letter> letters, Stream output, string title)
    {
        using var regular = Typeface(SKFontStyle.Normal);
        using var bold = Typeface(SKFontStyle.Bold);
        using var text = new SKFont(regular, BodySize);
        using var small = new SKFont(regular, 9f);
        using var heading = new SKFont(bold, 13f);
        using var strong = new SKFont(bold, BodySize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "MediaBib" });
        foreach (var letter in letters)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Mm(18);
            for (var i = 0; i < letter.Letterhead.Count; i++)
            {
                canvas.DrawText(letter.Letterhead[i], Mm(MarginMm), y, SKTextAlign.Left, i == 0 ? heading : small, paint);
                y += i == 0 ? 15f : 11f;
            }

            // Address lines start 7 mm below the window's top edge and keep 5 mm from its left edge.
            var addressY = Mm(WindowMm.Top + 7);
            foreach (var line in letter.AddressLines.Take(6))
            {
                canvas.DrawText(line, Mm(WindowMm.Left + 5), addressY, SKTextAlign.Left, text, paint);
                addressY += LineHeight;
            }

            canvas.DrawText(letter.PlaceAndDate, PageWidth - Mm(MarginMm), Mm(100), SKTextAlign.Right, text, paint);
            canvas.DrawText("Objet : " + letter.Subject, Mm(MarginMm), Mm(BodyTopMm - 6), SKTextAlign.Left, strong, paint);
            y = Mm(BodyTopMm + 4);
            var width = PageWidth - 2 * Mm(MarginMm);
            foreach (var line in TextWrapper.Wrap(letter.Body.TrimEnd(), width, s => text.MeasureText(s)))
            {
                if (y > Mm(BottomMm))
                {
                    document.EndPage();
                    canvas = document.BeginPage(PageWidth, PageHeight);
                    y = Mm(MarginMm);
                }

                canvas.DrawText(line, Mm(MarginMm), y, SKTextAlign.Left, text, paint);
                y += LineHeight;
            }

            document.EndPage();
        }

        document.Close();
    }

    private static SKTypeface Typeface(SKFontStyle style) =>
        SKFontManager.Default.MatchFamily("DejaVu Sans", style)
        ?? SKTypeface.FromFile(style.Weight >= (int)SKFontStyleWeight.Bold
            ? "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
            : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        ?? SKTypeface.Default;
}
