using MediaBib.Infrastructure.Search;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class HardInputTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> HostileTexts => new()
    {
        "'; DROP TABLE records; --",
        "\" OR 1=1 --",
        "<script>alert('x')</script>",
        "\"unbalanced quote",
        "&", "|", "!", ":", "*", "(", ")", "<->", "!!!:*&|",
        "loup & | ! renard",
        "loup:* | !renard",
        "a\0b",
        "\u0001\u0002\u001b[31m",
        "🐺🦊 loup",
        "\ud800 lone surrogate",
        "\\x00' || pg_sleep(10) --",
        "e\u0301lise",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Search_HostileText_ReturnsAResultInsteadOfFailing(string text)
    {
        var record = await _corpus.RecordAsync("Le loup et le renard");

        var result = await _corpus.SearchAsync(text);
        var stillThere = await _corpus.SearchAsync("loup");

        Assert.True(result.Total >= 0);
        Assert.DoesNotContain('\0', result.Text);
        Assert.Equal([record.Id], stillThere.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_OnlyOperators_IgnoresThemAndSaysSo()
    {
        var result = await _corpus.Service.SearchAsync(new SearchQuery("& | ! : ( )"), Ct);

        Assert.Contains(SearchNotice.CharactersIgnored, result.Notices);
    }

    [Fact]
    public async Task Search_UnbalancedQuote_SearchesTheWordsAndSaysSo()
    {
        var record = await _corpus.RecordAsync("Le loup solitaire");

        var result = await _corpus.SearchAsync("\"loup solitaire");

        Assert.Equal([record.Id], result.Hits.Select(h => h.RecordId));
        Assert.Contains(SearchNotice.UnbalancedQuote, result.Notices);
    }

    [Fact]
    public async Task Search_FiveThousandCharacters_IsTruncatedAndStillAnswers()
    {
        var record = await _corpus.RecordAsync("Le loup");
        var text = $"loup {_corpus.Marker} " + string.Concat(Enumerable.Repeat("loups ", 1000));

        var result = await _corpus.Service.SearchAsync(new SearchQuery(text), Ct);

        Assert.True(result.Text.Length <= QueryParser.MaxTextLength);
        Assert.Contains(SearchNotice.TextTruncated, result.Notices);
        Assert.Contains(SearchNotice.TooManyTerms, result.Notices);
        Assert.Equal([record.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_EmptyText_ReturnsNewestRecordsFirst()
    {
        var author = await _corpus.AuthorAsync("Dumas, Alexandre");
        var older = await _corpus.RecordAsync(new RecordSpec("Les Trois Mousquetaires") { Authors = [author] });
        var newer = await _corpus.RecordAsync(new RecordSpec("Vingt ans après") { Authors = [author] });
        var filters = SearchFilters.None.With(FacetGroup.Author, author.Id.ToString());

        var empty = await _corpus.Service.SearchAsync(new SearchQuery(null, filters), Ct);
        var blank = await _corpus.Service.SearchAsync(new SearchQuery("   ", filters), Ct);

        Assert.Equal([newer.Id, older.Id], empty.Hits.Select(h => h.RecordId));
        Assert.Equal([newer.Id, older.Id], blank.Hits.Select(h => h.RecordId));
    }

    [Theory]
    [InlineData(1000, -3, SearchQuery.MaxPageSize, 1)]
    [InlineData(0, 100_000, 1, SearchQuery.MaxPage)]
    public async Task Search_OutOfRangePaging_IsBroughtBackIntoRange(int pageSize, int page, int expectedSize, int expectedPage)
    {
        var result = await _corpus.Service.SearchAsync(new SearchQuery(_corpus.Marker, Page: page, PageSize: pageSize), Ct);

        Assert.Equal((expectedSize, expectedPage), (result.PageSize, result.Page));
        Assert.Contains(SearchNotice.PagingAdjusted, result.Notices);
    }

    [Fact]
    public async Task Search_UndefinedSortValue_FallsBackToRelevance()
    {
        var result = await _corpus.Service.SearchAsync(new SearchQuery("loup", Sort: (SearchSort)42), Ct);

        Assert.Equal(SearchSort.Relevance, result.Sort);
    }
}
