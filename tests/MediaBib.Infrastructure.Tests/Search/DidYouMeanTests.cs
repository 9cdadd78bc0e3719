using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class DidYouMeanTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    [Fact]
    public async Task Search_TypoInTitleWord_SuggestsTheCatalogueSpelling()
    {
        await _corpus.RecordAsync("Germinal");

        var result = await _corpus.SearchAsync("germnal");

        Assert.Empty(result.Hits);
        Assert.Equal($"germinal {_corpus.Marker.ToLowerInvariant()}", result.DidYouMean);
    }

    [Fact]
    public async Task Search_TypoInAuthorName_SuggestsTheAuthorsSpelling()
    {
        var author = await _corpus.AuthorAsync("Maupassant, Guy de");
        await _corpus.RecordAsync(new RecordSpec("Boule de suif") { Authors = [author] });

        var result = await _corpus.SearchAsync("maupasant");

        Assert.Empty(result.Hits);
        Assert.Equal($"maupassant {_corpus.Marker.ToLowerInvariant()}", result.DidYouMean);
    }

    [Fact]
    public async Task Search_CorrectlySpelledWordsWithFewHits_SuggestsNothing()
    {
        await _corpus.RecordAsync("Germinal");

        var result = await _corpus.SearchAsync("germinal");

        Assert.Single(result.Hits);
        Assert.Null(result.DidYouMean);
    }
}
