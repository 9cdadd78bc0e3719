using MediaBib.Infrastructure.Search;
using MediaBib.Testing;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class SortAndPagingTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    [Fact]
    public async Task Search_EachSort_OrdersRecordsAccordingly()
    {
        var records = await SeedAsync();
        var byId = records.ToDictionary(r => r.Id, r => r.Title.Split(' ')[0]);

        async Task<List<string>> Titles(SearchSort sort) =>
            (await _corpus.SearchAsync("", sort: sort)).Hits.Select(h => byId[h.RecordId]).ToList();

        Assert.Equal(["Cerise", "Abricot", "Banane", "Datte"], await Titles(SearchSort.YearDescending));
        Assert.Equal(["Banane", "Abricot", "Cerise", "Datte"], await Titles(SearchSort.YearAscending));
        Assert.Equal(["Abricot", "Banane", "Cerise", "Datte"], await Titles(SearchSort.Title));
        Assert.Equal(["Datte", "Cerise", "Banane", "Abricot"], await Titles(SearchSort.Newest));
    }

    [Fact]
    public async Task Search_PagesOfTwo_CoverTheResultOnceInTheSameOrder()
    {
        var records = await SeedAsync();
        await _corpus.RecordAsync(new RecordSpec("Élan") { Year = 1990 });

        var full = (await _corpus.SearchAsync("", sort: SearchSort.YearDescending, pageSize: 10)).Hits.Select(h => h.RecordId).ToList();
        var paged = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await _corpus.SearchAsync("", sort: SearchSort.YearDescending, page: page, pageSize: 2);
            Assert.Equal(5, result.Total);
            paged.AddRange(result.Hits.Select(h => h.RecordId));
        }

        Assert.Equal(5, full.Count);
        Assert.Equal(full, paged);
        Assert.Contains(records[0].Id, paged);
    }

    /// <summary>Created in this order (Abricot first); Abricot and the last "Élan" share 1990 so ties need the id.</summary>
    private async Task<List<Record>> SeedAsync() =>
    [
        await _corpus.RecordAsync(new RecordSpec("Abricot") { Year = 1990 }),
        await _corpus.RecordAsync(new RecordSpec("Banane") { Year = 1850 }),
        await _corpus.RecordAsync(new RecordSpec("Cerise") { Year = 2022 }),
        await _corpus.RecordAsync(new RecordSpec("Datte")),
    ];
}
