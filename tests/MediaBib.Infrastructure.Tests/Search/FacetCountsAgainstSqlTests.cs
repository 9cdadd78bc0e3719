using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Search;
using MediaBib.Testing;
using Npgsql;

namespace MediaBib.Infrastructure.Tests.Search;

/// <summary>
/// Every facet count of a search equals what a plain SQL count over the same records gives (the marked records of
/// this test), on a corpus with several types, languages, years, libraries, authors, subjects and a lent copy.
/// </summary>
public sealed class FacetCountsAgainstSqlTests(TestDatabase database)
{
    private readonly SearchCorpus _corpus = new(database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_EveryFacetGroup_MatchesCountsComputedInSql()
    {
        var libraries = new[] { await _corpus.LibraryAsync("Centre"), await _corpus.LibraryAsync("Port"), await _corpus.LibraryAsync("Tilleuls") };
        var authors = new[] { await _corpus.AuthorAsync("Zola, Émile"), await _corpus.AuthorAsync("Sand, George"), await _corpus.AuthorAsync("Hugo, Victor") };
        var subjects = new[] { await _corpus.SubjectAsync("Mines"), await _corpus.SubjectAsync("Paris"), await _corpus.SubjectAsync("Enfance") };
        var patron = await _corpus.PatronAsync(libraries[0]);
        RecordType[] types = [RecordType.Book, RecordType.Book, RecordType.Video, RecordType.Audio];
        string[] languages = ["fre", "fre", "eng", "ger"];
        for (var n = 0; n < 16; n++)
        {
            var record = await _corpus.RecordAsync(new RecordSpec($"Roman {n}")
            {
                Type = types[n % types.Length],
                Language = languages[(n / 2) % languages.Length],
                Year = n % 5 == 0 ? null : 1930 + 7 * n,
                Authors = [.. authors.Where((_, i) => (n + i) % 3 != 0)],
                Subjects = [.. subjects.Where((_, i) => (n * (i + 1)) % 4 == 1)],
            });
            for (var c = 0; c < n % 4; c++)
            {
                var item = await _corpus.ItemAsync(record, libraries[(n + c) % libraries.Length]);
                if ((n + c) % 3 == 0)
                {
                    await _corpus.LendAsync(item, patron, DateTime.UtcNow.AddDays(14));
                }
            }
        }

        var result = await _corpus.SearchAsync("");

        Assert.Equal(16, result.Total);
        foreach (var (group, sql) in Expected)
        {
            var expected = await CountsAsync(sql);
            var actual = result.Facets[group].ToDictionary(v => v.Key, v => (long)v.Count);
            Assert.True(expected.Count > 0, $"{group}: the corpus must give this group some values");
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
        }
    }

    /// <summary>Plain counts over the marked records (@m is the marker), written independently of SearchSql.</summary>
    private static readonly (FacetGroup Group, string Sql)[] Expected =
    [
        (FacetGroup.DocumentType, "SELECT r.type, count(*) FROM records r WHERE r.title LIKE @m GROUP BY r.type"),
        (FacetGroup.Language, "SELECT lower(r.language), count(*) FROM records r WHERE r.title LIKE @m AND r.language IS NOT NULL GROUP BY 1"),
        (FacetGroup.PublicationYear, """
            SELECT CASE WHEN publication_year < 1950 THEN 'before-1950' WHEN publication_year < 2000 THEN '1950-1999'
                        WHEN publication_year < 2010 THEN '2000-2009' WHEN publication_year < 2020 THEN '2010-2019' ELSE '2020-plus' END, count(*)
            FROM records r WHERE r.title LIKE @m AND publication_year IS NOT NULL GROUP BY 1
            """),
        (FacetGroup.Library, """
            SELECT i.current_library_id::text, count(DISTINCT r.id) FROM records r JOIN items i ON i.record_id = r.id
            WHERE r.title LIKE @m AND i.status NOT IN ('Withdrawn', 'Lost') GROUP BY 1
            """),
        (FacetGroup.Availability, """
            SELECT CASE WHEN bool_or(i.status = 'Available' AND l.id IS NULL) THEN 'available' ELSE 'unavailable' END AS k, r.id
            FROM records r JOIN items i ON i.record_id = r.id LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
            WHERE r.title LIKE @m AND i.status NOT IN ('Withdrawn', 'Lost') GROUP BY r.id
            """),
        (FacetGroup.Author, "SELECT ra.author_id::text, count(*) FROM records r JOIN record_author ra ON ra.record_id = r.id WHERE r.title LIKE @m GROUP BY 1"),
        (FacetGroup.Subject, "SELECT rs.subject_id::text, count(*) FROM records r JOIN record_subject rs ON rs.record_id = r.id WHERE r.title LIKE @m GROUP BY 1"),
    ];

    private async Task<Dictionary<string, long>> CountsAsync(string sql)
    {
        // The availability query lists (key, record): count records per key.
        if (sql.Contains("AS k, r.id", StringComparison.Ordinal))
        {
            sql = $"SELECT k, count(*) FROM ({sql}) per_record GROUP BY k";
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("m", "%" + _corpus.Marker + "%");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(Ct))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
