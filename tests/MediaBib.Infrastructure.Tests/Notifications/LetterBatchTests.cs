using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Notifications.Letters;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace MediaBib.Infrastructure.Tests.Notifications;

public sealed class LetterBatchTests(TestDatabase database)
{
    [Fact]
    public async Task PrintPending_TwoPatrons_OneLetterPerPageWithTheAddressInTheEnvelopeWindow()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var first = await data.PatronAsync(ct, email: null);
        var second = await data.PatronAsync(ct, email: null);
        await data.QueueAsync(first, [NoticeChannel.Letter], "Madame Bovary", ct, "overdue-3");
        await data.QueueAsync(second, [NoticeChannel.Letter], "Germinal", ct, "overdue-3");
        await data.Dispatcher([new LetterSender()]).DispatchForPatronsAsync([first.Id, second.Id], ct);
        var printer = new LetterBatchPrinter(database.Factory, TimeProvider.System);

        var batch = await printer.PrintPendingAsync(new Actor(ActorKind.Staff, "test"), 1000, ct);

        Assert.NotNull(batch);
        using var pdf = PdfDocument.Open(batch.Pdf);
        Assert.Equal(batch.LetterCount, pdf.NumberOfPages);
        foreach (var (patron, title) in new[] { (first, "Madame Bovary"), (second, "Germinal") })
        {
            var page = Assert.Single(pdf.GetPages(), p => p.Text.Contains(patron.LastName.ToUpperInvariant(), StringComparison.Ordinal));
            Assert.Contains(title, page.Text, StringComparison.Ordinal);
            Assert.Contains("Médiathèque des Tilleuls", page.Text, StringComparison.Ordinal);
            Assert.Contains("dernier rappel avant facturation", page.Text, StringComparison.Ordinal);
            var addressWords = page.GetWords()
                .Where(w => w.Text == patron.LastName.ToUpperInvariant() || w.Text == "Voltaire" || w.Text == "37100")
                .ToList();
            Assert.Equal(3, addressWords.Count);
            var (left, top, width, height) = LetterPdfWriter.WindowMm;
            foreach (var word in addressWords)
            {
                // PdfPig measures from the bottom-left corner in points; the window is given from the top-left in mm.
                var fromLeftMm = word.BoundingBox.Left * 25.4 / 72;
                var fromTopMm = (page.Height - word.BoundingBox.Top) * 25.4 / 72;
                var bottomMm = (page.Height - word.BoundingBox.Bottom) * 25.4 / 72;
                Assert.InRange(fromLeftMm, left, left + width);
                Assert.InRange(fromTopMm, top, top + height);
                Assert.InRange(bottomMm, top, top + height);
            }
        }

        await using var db = database.CreateContext();
        var letters = await db.Notices.Where(n => n.PatronId == first.Id || n.PatronId == second.Id).ToListAsync(ct);
        Assert.All(letters, n => Assert.Equal(batch.Id, n.PrintBatchId));
        var next = await printer.PrintPendingAsync(new Actor(ActorKind.Staff, "test"), 1000, ct);
        Assert.True(next is null || !await db.Notices.AnyAsync(n => n.PrintBatchId == next.Id && (n.PatronId == first.Id || n.PatronId == second.Id), ct));
    }

    [Fact]
    public void Wrap_LongParagraphs_KeepsLinesWithinWidthAndParagraphBreaks()
    {
        static float Measure(string s) => s.Length * 5f;

        var lines = TextWrapper.Wrap("Un deux trois quatre cinq six\n\nAnticonstitutionnellement fin", 60f, Measure);

        Assert.Equal(["Un deux", "trois quatre", "cinq six", "", "Anticonstitu", "tionnellemen", "t fin"], lines);
        Assert.All(lines, l => Assert.True(Measure(l) <= 60f));
    }
}
