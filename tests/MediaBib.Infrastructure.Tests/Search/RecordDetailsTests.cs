using MediaBib.Domain.Items;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class RecordDetailsTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_RecordWithCopiesLoanAndHolds_ReturnsEverythingARecordPageShows()
    {
        var library = await _corpus.LibraryAsync("Centre");
        var author = await _corpus.AuthorAsync("Maupassant, Guy de");
        var subject = await _corpus.SubjectAsync("Nouvelles");
        var record = await _corpus.RecordAsync(new RecordSpec("Contes de la bécasse") { Authors = [author], Subjects = [subject], Year = 1883 });
        var lent = await _corpus.ItemAsync(record, library, "R MAU");
        var onShelf = await _corpus.ItemAsync(record, library, "R MAU");
        var withdrawn = await _corpus.ItemAsync(record, library, "R MAU");
        await _corpus.SetStatusAsync(withdrawn, ItemStatus.Withdrawn);
        var patron = await _corpus.PatronAsync(library);
        var dueAt = new DateTime(2099, 3, 14, 18, 0, 0, DateTimeKind.Utc);
        await _corpus.LendAsync(lent, patron, dueAt);
        await _corpus.HoldAsync(record, patron, library);
        await _corpus.HoldAsync(record, patron, library);
        await _corpus.CancelAsync(await _corpus.HoldAsync(record, patron, library));

        var details = await _corpus.Details.GetAsync(record.Id, Ct);

        Assert.NotNull(details);
        Assert.Equal(record.Title, details.Title);
        Assert.Equal(1883, details.PublicationYear);
        Assert.Equal(["Maupassant, Guy de"], details.Authors.Select(a => a.Name));
        Assert.Equal([subject.Label], details.Subjects.Select(s => s.Label));
        Assert.Equal(2, details.ActiveHolds);
        Assert.Equal(2, details.Items.Count);
        var lentCopy = Assert.Single(details.Items, i => i.ItemId == lent.Id);
        Assert.Equal((ItemStatus.OnLoan, dueAt, false), (lentCopy.Status, lentCopy.DueAt, lentCopy.IsAvailable));
        var shelfCopy = Assert.Single(details.Items, i => i.ItemId == onShelf.Id);
        Assert.Equal((ItemStatus.Available, (DateTime?)null, true), (shelfCopy.Status, shelfCopy.DueAt, shelfCopy.IsAvailable));
        Assert.Equal(("R MAU", "Adultes", library.Name), (shelfCopy.CallNumber, shelfCopy.SectionName, shelfCopy.LibraryName));
    }

    [Fact]
    public async Task Get_UnknownRecord_ReturnsNull()
    {
        Assert.Null(await _corpus.Details.GetAsync(Guid.CreateVersion7(), Ct));
    }
}
