using MediaBib.Domain.Catalog;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Search;
using MediaBib.Testing;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class FacetTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    [Fact]
    public async Task Search_SmallPage_CountsFacetsOverTheWholeResultSet()
    {
        var (libraryA, libraryB, hugo, subject, _) = await SeedAsync();

        var result = await _corpus.SearchAsync("", pageSize: 2);

        Assert.Equal(5, result.Total);
        Assert.Equal(2, result.Hits.Count);
        Assert.Equal([("Book", 3), ("Video", 2)], Counts(result, FacetGroup.DocumentType));
        Assert.Equal([("fre", 4), ("eng", 1)], Counts(result, FacetGroup.Language));
        Assert.Equal(
            [("before-1950", 1), ("1950-1999", 1), ("2000-2009", 1), ("2010-2019", 1), ("2020-plus", 1)],
            Counts(result, FacetGroup.PublicationYear));
        Assert.Equal([(libraryA.Id.ToString(), 3), (libraryB.Id.ToString(), 1)], Counts(result, FacetGroup.Library));
        Assert.Equal([(FacetKeys.AvailableNow, 4)], Counts(result, FacetGroup.Availability));
        Assert.Equal([(hugo.Id.ToString(), 2)], Counts(result, FacetGroup.Author));
        Assert.Equal([(subject.Id.ToString(), 3)], Counts(result, FacetGroup.Subject));
        Assert.Equal($"Hugo, Victor", result.Facets[FacetGroup.Author][0].Label);
    }

    [Fact]
    public async Task Search_FiltersInTwoGroups_AppliesBoth()
    {
        var (_, _, _, _, records) = await SeedAsync();
        var filters = SearchFilters.None
            .With(FacetGroup.DocumentType, "Book")
            .With(FacetGroup.PublicationYear, "2000-2009")
            .With(FacetGroup.PublicationYear, "2010-2019");

        var result = await _corpus.SearchAsync("", filters);

        Assert.Equal(1, result.Total);
        Assert.Equal(records[2].Id, Assert.Single(result.Hits).RecordId);
        Assert.Equal([("Book", 1)], Counts(result, FacetGroup.DocumentType));
        Assert.True(result.Facets[FacetGroup.DocumentType][0].Selected);
    }

    [Fact]
    public async Task Search_LibraryAuthorAndSubjectFilters_KeepOnlyMatchingRecords()
    {
        var (libraryA, _, hugo, subject, records) = await SeedAsync();

        var byLibrary = await _corpus.SearchAsync("", SearchFilters.None.With(FacetGroup.Library, libraryA.Id.ToString()));
        var byAuthorAndSubject = await _corpus.SearchAsync("", SearchFilters.None
            .With(FacetGroup.Author, hugo.Id.ToString())
            .With(FacetGroup.Subject, subject.Id.ToString()));

        Assert.Equal(new[] { records[0].Id, records[1].Id, records[2].Id }.Order(), byLibrary.Hits.Select(h => h.RecordId).Order());
        Assert.Equal([records[0].Id], byAuthorAndSubject.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_WithoutFacets_ReturnsHitsAndEmptyFacetGroups()
    {
        await SeedAsync();

        var result = await _corpus.Service.SearchAsync(new SearchQuery(_corpus.Marker, WithFacets: false), TestContext.Current.CancellationToken);

        Assert.Equal(5, result.Total);
        Assert.Equal(5, result.Hits.Count);
        Assert.Equal(Enum.GetValues<FacetGroup>().Order(), result.Facets.Keys.Order());
        Assert.All(result.Facets.Values, Assert.Empty);
    }

    [Fact]
    public void FiltersWith_UnreadableKeys_AreIgnored()
    {
        var filters = SearchFilters.None
            .With(FacetGroup.DocumentType, "'; DROP TABLE records; --")
            .With(FacetGroup.DocumentType, "42")
            .With(FacetGroup.Library, "not-a-guid")
            .With(FacetGroup.Availability, "maybe")
            .With(FacetGroup.Language, "français")
            .With(FacetGroup.PublicationYear, "1800-1900")
            .With(FacetGroup.Author, null);

        Assert.True(filters.IsEmpty);
        Assert.Equal([RecordType.Video], SearchFilters.None.With(FacetGroup.DocumentType, "video").DocumentTypes);
    }

    private static List<(string Key, int Count)> Counts(SearchResult result, FacetGroup group) =>
        result.Facets[group].Select(v => (v.Key, v.Count)).ToList();

    /// <summary>
    /// Five records: three books and two videos, one per year range, four in French; Hugo wrote two; three carry the
    /// subject; library A holds three records, library B one, and the fifth has no copy.
    /// </summary>
    private async Task<(Library A, Library B, Author Hugo, Subject Subject, List<Record> Records)> SeedAsync()
    {
        var libraryA = await _corpus.LibraryAsync("Bibliothèque A");
        var libraryB = await _corpus.LibraryAsync("Bibliothèque B");
        var hugo = await _corpus.AuthorAsync("Hugo, Victor");
        var subject = await _corpus.SubjectAsync("Histoire");
        var records = new List<Record>
        {
            await _corpus.RecordAsync(new RecordSpec("Un") { Year = 1900, Language = "fre", Authors = [hugo], Subjects = [subject] }),
            await _corpus.RecordAsync(new RecordSpec("Deux") { Year = 1960, Language = "fre", Authors = [hugo] }),
            await _corpus.RecordAsync(new RecordSpec("Trois") { Year = 2005, Language = "fre", Subjects = [subject] }),
            await _corpus.RecordAsync(new RecordSpec("Quatre") { Type = RecordType.Video, Year = 2015, Language = "fre", Subjects = [subject] }),
            await _corpus.RecordAsync(new RecordSpec("Cinq") { Type = RecordType.Video, Year = 2021, Language = "eng" }),
        };
        await _corpus.ItemAsync(records[0], libraryA);
        await _corpus.ItemAsync(records[1], libraryA);
        await _corpus.ItemAsync(records[2], libraryA);
        await _corpus.ItemAsync(records[2], libraryA);
        await _corpus.ItemAsync(records[3], libraryB);
        return (libraryA, libraryB, hugo, subject, records);
    }
}
