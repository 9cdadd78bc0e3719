using MediaBib.Infrastructure.Desk;
using UglyToad.PdfPig;

namespace MediaBib.Infrastructure.Tests.Desk;

public sealed class ReceiptPdfWriterTests
{
    private static readonly ReceiptTexts Texts = new("Ticket de prêt", "Le {0}", "Carte : {0}", "Retour le {0}", "{0} document(s) emprunté(s)", "Aucun prêt.", "Merci de votre visite !");

    [Fact]
    public void Write_TwoLoans_OneTicketWidePageWithTitlesBarcodesAndFrenchDueDates()
    {
        // Arrange: 23:30 UTC on 5 December is already 6 December in Paris.
        var receipt = new Receipt("DUPONT Marie", "C00000001", "Médiathèque centrale Jules-Verne",
        [
            new ReceiptLine(Guid.NewGuid(), "MB0000042", "Vingt mille lieues sous les mers : tour du monde sous-marin, édition illustrée intégrale", "R VER", new DateTime(2026, 12, 5, 23, 30, 0, DateTimeKind.Utc)),
            new ReceiptLine(Guid.NewGuid(), "MB0000043", "Le Petit Prince", null, new DateTime(2026, 12, 19, 10, 0, 0, DateTimeKind.Utc)),
        ]);
        using var output = new MemoryStream();

        // Act
        ReceiptPdfWriter.Write(receipt, new DateTime(2026, 11, 28, 14, 5, 0, DateTimeKind.Utc), Texts, output);

        // Assert
        using var pdf = PdfDocument.Open(output.ToArray());
        var page = Assert.Single(pdf.GetPages());
        Assert.InRange(page.Width, ReceiptPdfWriter.PageWidth - 1, ReceiptPdfWriter.PageWidth + 1);
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        Assert.Contains("Médiathèque centrale Jules-Verne", text, StringComparison.Ordinal);
        Assert.Contains("Le 28/11/2026 15:05", text, StringComparison.Ordinal);
        Assert.Contains("DUPONT Marie", text, StringComparison.Ordinal);
        Assert.Contains("MB0000042 · R VER", text, StringComparison.Ordinal);
        Assert.Contains("Retour le 06/12/2026", text, StringComparison.Ordinal);
        Assert.Contains("Retour le 19/12/2026", text, StringComparison.Ordinal);
        Assert.Contains("intégrale", text, StringComparison.Ordinal);
        Assert.Contains("2 document(s) emprunté(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoLoan_SaysSo()
    {
        using var output = new MemoryStream();

        ReceiptPdfWriter.Write(new Receipt("DUPONT Marie", "C00000001", "", []), DateTime.UtcNow, Texts, output);

        using var pdf = PdfDocument.Open(output.ToArray());
        var text = string.Join(" ", Assert.Single(pdf.GetPages()).GetWords().Select(w => w.Text));
        Assert.Contains("Ticket de prêt", text, StringComparison.Ordinal);
        Assert.Contains("Aucun prêt.", text, StringComparison.Ordinal);
    }
}
