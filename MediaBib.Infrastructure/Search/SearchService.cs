using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Search.Caching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Search;

/// <summary>
/// The catalogue search shared by the OPAC, the staff pages and the API: French full-text search (accent-insensitive,
/// stemmed) over titles, authors, subjects and summaries; exact ISBN/ISSN/barcode lookups; facets; sorts; per-library
/// availability as of the query; and a "did you mean" when little is found. Any text gives a result, never an error.
/// With a <see cref="FragmentCache"/>, the page's descriptions and availability come from it (ADR-005).
/// </summary>
public sealed partial class SearchService(IDbContextFactory<MediaBibDbContext> contexts, FragmentCache? cache = null)
{
    /// <summary>Below this many hits, a spelling suggestion is looked for.</summary>
    public const int SuggestBelow = 3;

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var parsed = QueryParser.Parse(query.Text);
        var notices = parsed.Notices.ToList();
        var pageSize = Math.Clamp(query.PageSize, 1, SearchQuery.MaxPageSize);
        var page = Math.Clamp(query.Page, 1, SearchQuery.MaxPage);
        if (pageSize != query.PageSize || page != query.Page)
        {
            notices.Add(SearchNotice.PagingAdjusted);
        }

        var filters = query.Filters ?? SearchFilters.None;
        var sort = Enum.IsDefined(query.Sort) ? query.Sort : SearchSort.Relevance;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);

        var sql = new SearchSql(parsed, filters);
        var statement = sql.Build(sort, (page - 1) * pageSize, pageSize, query.WithFacets);
        var rows = await ReadRowsAsync(connection, statement, sql.Parameters, ct);

        var total = (int)rows.Where(r => r.Kind == "Total").Select(r => r.N).FirstOrDefault();
        var pageRows = rows.Where(r => r.Kind == "Hit").OrderBy(r => r.N).ToList();
        var hits = await LoadHitsAsync(db, connection, pageRows, ct);
        var facets = Facets.From(rows, filters);
        var suggestion = total < SuggestBelow ? await SuggestAsync(connection, parsed, ct) : null;

        var sampled = query.WithFacets && total > SearchSql.FacetSample ? SearchSql.FacetSample : (int?)null;
        return new SearchResult(parsed.Text, total, page, pageSize, sort, hits, facets, suggestion, notices, sampled);
    }

    private static async Task<List<ResultRow>> ReadRowsAsync(
        NpgsqlConnection connection, string statement, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ResultRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ResultRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? 0 : reader.GetDouble(4),
                !reader.IsDBNull(5) && reader.GetBoolean(5)));
        }

        return rows;
    }

    private async Task<List<SearchHit>> LoadHitsAsync(
        MediaBibDbContext db, NpgsqlConnection connection, List<ResultRow> pageRows, CancellationToken ct)
    {
        var ids = pageRows.Select(r => Guid.Parse(r.Key!)).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        // One connection, one query at a time: descriptions first, then availability.
        var records = cache is null
            ? await LoadDescriptionsAsync(db, ids, ct)
            : await cache.GetManyAsync(FragmentKind.HitDescription, ids, (missing, c) => LoadDescriptionsAsync(db, missing, c), ct);
        var availability = cache is null
            ? await LoadAvailabilityAsync(connection, ids, ct)
            : await cache.GetManyAsync(FragmentKind.Availability, ids, (missing, c) => LoadAvailabilityAsync(connection, missing, c, everyRecord: true), ct);

        return pageRows
            .Select(row => (Row: row, Id: Guid.Parse(row.Key!)))
            .Where(x => records.ContainsKey(x.Id))
            .Select(x =>
            {
                var r = records[x.Id];
                return new SearchHit(
                    x.Id, r.Type, r.Title, r.Subtitle, r.Responsibility, r.Authors, r.PublicationYear, r.Publisher, r.Language,
                    r.Isbn, r.CoverUrl, x.Row.Rank, x.Row.Exact, availability.GetValueOrDefault(x.Id) ?? []);
            })
            .ToList();
    }

    private static async Task<Dictionary<Guid, HitDescription>> LoadDescriptionsAsync(MediaBibDbContext db, Guid[] ids, CancellationToken ct)
    {
        var rows = await db.Records.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.Type, r.Title, r.Subtitle, r.Responsibility, r.PublicationYear, r.Publisher, r.Language, r.Isbn, r.CoverUrl,
                Authors = r.Authors.OrderBy(a => a.Position).Select(a => a.Author.Name).ToList(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => new HitDescription(r.Type, r.Title, r.Subtitle, r.Responsibility, r.Authors, r.PublicationYear, r.Publisher, r.Language, r.Isbn?.Value, r.CoverUrl));
    }

    /// <summary>Copies per library for the page's records, counted by the same rule as the availability facet.</summary>
    /// <remarks>With <paramref name="everyRecord"/>, a record without copies gets an empty list (so that it is cached too).</remarks>
    private static async Task<Dictionary<Guid, List<LibraryAvailability>>> LoadAvailabilityAsync(
        NpgsqlConnection connection, Guid[] recordIds, CancellationToken ct, bool everyRecord = false)
    {
        const string sql = $"""
            SELECT i.record_id, l.id, l.code, l.name, count(*)::int, (count(*) FILTER (WHERE {SearchSql.AvailableItem}))::int
            FROM items i JOIN libraries l ON l.id = i.current_library_id
            WHERE i.record_id = ANY(@ids) AND {SearchSql.ActiveItem}
            GROUP BY i.record_id, l.id, l.code, l.name
            ORDER BY l.name, l.id
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = recordIds });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new Dictionary<Guid, List<LibraryAvailability>>();
        while (await reader.ReadAsync(ct))
        {
            var recordId = reader.GetGuid(0);
            if (!result.TryGetValue(recordId, out var list))
            {
                result[recordId] = list = [];
            }

            list.Add(new LibraryAvailability(reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(5), reader.GetInt32(4)));
        }

        if (everyRecord)
        {
            foreach (var id in recordIds)
            {
                result.TryAdd(id, []);
            }
        }

        return result;
    }

    /// <summary>The cached part of a hit that does not change with circulation.</summary>
    internal sealed record HitDescription(
        RecordType Type, string Title, string? Subtitle, string? Responsibility, List<string> Authors, int? PublicationYear,
        string? Publisher, string? Language, string? Isbn, string? CoverUrl);

    internal sealed record ResultRow(string Kind, string? Key, string? Label, long N, double Rank, bool Exact);
}
