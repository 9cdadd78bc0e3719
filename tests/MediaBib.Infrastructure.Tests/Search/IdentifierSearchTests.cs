using MediaBib.Infrastructure.Search;
using MediaBib.Testing;

namespace MediaBib.Infrastructure.Tests.Search;

public sealed class IdentifierSearchTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_Isbn13WithHyphens_FindsRecordAsExactMatch()
    {
        var isbn = SearchCorpus.NewIsbn();
        var record = await _corpus.RecordAsync(new RecordSpec("Le Petit Prince") { Isbn = isbn });
        var hyphenated = $"{isbn.Value[..3]}-{isbn.Value[3]}-{isbn.Value[4..8]}-{isbn.Value[8..12]}-{isbn.Value[12]}";

        var result = await _corpus.Service.SearchAsync(new SearchQuery(hyphenated), Ct);

        var hit = Assert.Single(result.Hits);
        Assert.Equal(record.Id, hit.RecordId);
        Assert.True(hit.ExactMatch);
    }

    [Fact]
    public async Task Search_Isbn10Form_FindsRecordStoredAsIsbn13()
    {
        var isbn = SearchCorpus.NewIsbn();
        var record = await _corpus.RecordAsync(new RecordSpec("Vol de nuit") { Isbn = isbn });
        var isbn10 = ToIsbn10(isbn.Value);

        var result = await _corpus.Service.SearchAsync(new SearchQuery(isbn10), Ct);

        Assert.Equal([record.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_Isbn13Form_FindsRecordStoredAsIsbn10()
    {
        var isbn13 = SearchCorpus.NewIsbn();
        var record = await _corpus.RecordAsync(new RecordSpec("Terre des hommes") { Isbn = Domain.Common.Isbn.From(ToIsbn10(isbn13.Value)) });

        var result = await _corpus.Service.SearchAsync(new SearchQuery(isbn13.Value), Ct);

        Assert.Equal([record.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_IssnWithoutHyphen_FindsPeriodical()
    {
        var digits = Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var record = await _corpus.RecordAsync(new RecordSpec("Revue de test") { Type = Domain.Catalog.RecordType.Periodical, Issn = $"{digits[..4]}-{digits[4..]}X" });

        var result = await _corpus.Service.SearchAsync(new SearchQuery($"{digits}x"), Ct);

        Assert.Equal([record.Id], result.Hits.Select(h => h.RecordId));
    }

    [Fact]
    public async Task Search_ItemBarcode_ReturnsThatItemsRecordFirst()
    {
        var library = await _corpus.LibraryAsync("Médiathèque");
        var record = await _corpus.RecordAsync("Le Horla");
        var item = await _corpus.ItemAsync(record, library);

        var result = await _corpus.Service.SearchAsync(new SearchQuery(item.Barcode.Value.ToLowerInvariant()), Ct);

        Assert.Equal(record.Id, result.Hits[0].RecordId);
        Assert.True(result.Hits[0].ExactMatch);
    }

    private static string ToIsbn10(string isbn13)
    {
        var stem = isbn13[3..12];
        var sum = stem.Select((c, i) => (c - '0') * (10 - i)).Sum();
        var check = (11 - sum % 11) % 11;
        return stem + (check == 10 ? "X" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
