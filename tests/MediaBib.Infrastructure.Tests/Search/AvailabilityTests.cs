using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Search;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class AvailabilityTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    [Fact]
    public async Task Search_ItemWithOpenLoan_IsNoLongerCountedAvailableInItsLibrary()
    {
        var centre = await _corpus.LibraryAsync("Centre");
        var quartier = await _corpus.LibraryAsync("Quartier");
        var record = await _corpus.RecordAsync("Bel-Ami");
        var lent = await _corpus.ItemAsync(record, centre);
        await _corpus.ItemAsync(record, centre);
        await _corpus.ItemAsync(record, quartier);
        var patron = await _corpus.PatronAsync(centre);

        var before = Assert.Single((await _corpus.SearchAsync("bel ami")).Hits);
        await _corpus.LendAsync(lent, patron, DateTime.UtcNow.AddDays(21));
        var after = Assert.Single((await _corpus.SearchAsync("bel ami")).Hits);

        Assert.Equal((2, 2), Copies(before, centre.Id));
        Assert.Equal((1, 2), Copies(after, centre.Id));
        Assert.Equal((1, 1), Copies(after, quartier.Id));
        Assert.Equal(2, after.AvailableCopies);
        Assert.Equal(3, after.TotalCopies);
    }

    [Fact]
    public async Task Search_AllCopiesOnLoanOrOnHoldShelf_IsNotAvailableInFacetAndFilter()
    {
        var library = await _corpus.LibraryAsync("Centre");
        var busy = await _corpus.RecordAsync("Pierre et Jean");
        var free = await _corpus.RecordAsync("Pierre et Jean, édition de poche");
        var onLoan = await _corpus.ItemAsync(busy, library);
        var onShelf = await _corpus.ItemAsync(busy, library);
        await _corpus.ItemAsync(free, library);
        var patron = await _corpus.PatronAsync(library);
        await _corpus.LendAsync(onLoan, patron, DateTime.UtcNow.AddDays(21));
        await _corpus.SetStatusAsync(onShelf, ItemStatus.OnHoldShelf);

        var all = await _corpus.SearchAsync("pierre jean");
        var notAvailable = await _corpus.SearchAsync("pierre jean", SearchFilters.None.With(FacetGroup.Availability, FacetKeys.NotAvailable));
        var available = await _corpus.SearchAsync("pierre jean", SearchFilters.None.With(FacetGroup.Availability, FacetKeys.AvailableNow));

        Assert.Equal(
            [(FacetKeys.AvailableNow, 1), (FacetKeys.NotAvailable, 1)],
            all.Facets[FacetGroup.Availability].Select(v => (v.Key, v.Count)));
        Assert.Equal([busy.Id], notAvailable.Hits.Select(h => h.RecordId));
        Assert.Equal([free.Id], available.Hits.Select(h => h.RecordId));
        Assert.Equal((0, 2), Copies(notAvailable.Hits[0], library.Id));
    }

    [Fact]
    public async Task Search_LibraryAndAvailabilityFilters_MeanAvailableInThatLibrary()
    {
        var centre = await _corpus.LibraryAsync("Centre");
        var quartier = await _corpus.LibraryAsync("Quartier");
        var record = await _corpus.RecordAsync("Une vie");
        var atCentre = await _corpus.ItemAsync(record, centre);
        await _corpus.ItemAsync(record, quartier);
        var patron = await _corpus.PatronAsync(centre);
        await _corpus.LendAsync(atCentre, patron, DateTime.UtcNow.AddDays(21));

        var filters = SearchFilters.None.With(FacetGroup.Library, centre.Id.ToString()).With(FacetGroup.Availability, FacetKeys.AvailableNow);
        var availableAtCentre = await _corpus.SearchAsync("vie", filters);
        var availableAnywhere = await _corpus.SearchAsync("vie", SearchFilters.None.With(FacetGroup.Availability, FacetKeys.AvailableNow));

        Assert.Empty(availableAtCentre.Hits);
        Assert.Equal([record.Id], availableAnywhere.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_OpenLoanOnCopyStillMarkedAvailable_CountsItAsNotAvailable()
    {
        var library = await _corpus.LibraryAsync("Centre");
        var record = await _corpus.RecordAsync("Mont-Oriol");
        var item = await _corpus.ItemAsync(record, library);
        var patron = await _corpus.PatronAsync(library);
        await _corpus.LendAsync(item, patron, DateTime.UtcNow.AddDays(21), setStatus: false);

        var hit = Assert.Single((await _corpus.SearchAsync("mont oriol")).Hits);
        var details = await _corpus.Details.GetAsync(record.Id, TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), Copies(hit, library.Id));
        Assert.False(Assert.Single(details!.Items).IsAvailable);
    }

    private static (int Available, int Total) Copies(SearchHit hit, Guid libraryId)
    {
        var library = Assert.Single(hit.Availability, a => a.LibraryId == libraryId);
        return (library.Available, library.Total);
    }
}
