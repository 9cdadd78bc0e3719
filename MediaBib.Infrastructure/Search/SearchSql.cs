using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Search;

/// <summary>
/// Builds the one statement that finds the records of a search and returns, in a single round trip, the total, the
/// page of record ids and every facet group. User text only ever travels as bound parameters; the SQL text is made
/// of constants and of numbers produced here.
/// </summary>
/// <remarks>
/// Matching: the stored weighted vector of the record (title A, responsibility B, series and publisher C, summary D)
/// joined with its stored heading vector (authors' names B, subject headings C) matches through one GIN index, so
/// "zola germinal" finds Germinal whose author row is "Zola, Émile" even when the statement of responsibility is empty.
/// </remarks>
internal sealed class SearchSql
{
    /// <summary>A copy that belongs to the collection (withdrawn and lost copies are not shown).</summary>
    internal const string ActiveItem = "i.status NOT IN ('Withdrawn', 'Lost')";

    /// <summary>A copy a reader can take from the shelf now: Available and no open loan.</summary>
    internal const string AvailableItem =
        "(i.status = 'Available' AND NOT EXISTS (SELECT 1 FROM loans lo WHERE lo.item_id = i.id AND lo.returned_at IS NULL))";

    private const string Config = "'french_unaccent'::regconfig";

    /// <summary>
    /// The record's own weighted vector plus its authors (B) and subjects (C), kept by triggers in
    /// <c>heading_vector</c> (migration SearchHeadingVector); the GIN index <c>ix_records_full_vector</c> is on exactly
    /// this expression.
    /// </summary>
    internal const string FullVector = "(coalesce(r.search_vector, ''::tsvector) || coalesce(r.heading_vector, ''::tsvector))";
    private const int FacetTop = 10;

    /// <summary>
    /// Facets are counted over at most this many hits, the first ones in the list's order (the most relevant for a
    /// relevance sort). Counting every hit of a one-word query on a million records (100,000+ hits, their copies and
    /// authors) took seconds; past this size the counts describe the head of the list, and the result says so.
    /// </summary>
    internal const int FacetSample = 2000;

    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly ParsedQuery _query;
    private readonly SearchFilters _filters;

    public SearchSql(ParsedQuery query, SearchFilters filters)
    {
        _query = query;
        _filters = filters;
    }

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    public string Build(SearchSort sort, int offset, int limit, bool withFacets = true)
    {
        var order = OrderBy(sort);
        var sql = new StringBuilder("WITH ");
        sql.Append(Matched()).Append(",\n");
        sql.Append(CultureInfo.InvariantCulture, $"""
            hits AS MATERIALIZED (
              SELECT r.id, m.rank, m.exact, r.type, lower(r.language) AS language, r.publication_year,
                     r.title_normalized, r.created_at
              FROM matched m JOIN records r ON r.id = m.id
              WHERE {Filters()}),
            facet_hits AS MATERIALIZED (
              SELECT * FROM hits h ORDER BY {order} LIMIT {FacetSample}),
            hit_items AS MATERIALIZED (
              SELECT h.id, i.current_library_id AS library_id, bool_or({AvailableItem}) AS available
              FROM facet_hits h JOIN items i ON i.record_id = h.id AND {ActiveItem}
              GROUP BY h.id, i.current_library_id)
            SELECT 'Total'::text AS kind, NULL::text AS key, NULL::text AS label, count(*)::bigint AS n,
                   NULL::float8 AS rank, NULL::boolean AS exact
            FROM hits
            UNION ALL SELECT * FROM (
              SELECT 'Hit', h.id::text, NULL, row_number() OVER (ORDER BY {order}), h.rank, h.exact
              FROM hits h ORDER BY {order} LIMIT {Add(limit)} OFFSET {Add(offset)}) page
            """);
        if (withFacets)
        {
            sql.Append(FacetSelects());
        }

        return sql.ToString();
    }

    /// <summary>Every facet group, from the head of the hits (an unreferenced CTE such as hit_items is never run).</summary>
    private string FacetSelects() => $"""

            UNION ALL
            SELECT 'DocumentType', h.type, h.type, count(*), NULL, NULL FROM facet_hits h GROUP BY h.type
            UNION ALL
            SELECT 'Language', h.language, h.language, count(*), NULL, NULL FROM facet_hits h
            WHERE h.language IS NOT NULL GROUP BY h.language
            UNION ALL
            SELECT 'PublicationYear', y.key, y.key, count(*), NULL, NULL
            FROM facet_hits h CROSS JOIN LATERAL (SELECT {YearKey("h.publication_year")} AS key) y
            WHERE h.publication_year IS NOT NULL GROUP BY y.key
            UNION ALL
            SELECT 'Library', l.id::text, l.name, count(*), NULL, NULL
            FROM hit_items hi JOIN libraries l ON l.id = hi.library_id
            GROUP BY l.id, l.name
            UNION ALL
            SELECT 'Availability', CASE WHEN a.available THEN '{FacetKeys.AvailableNow}' ELSE '{FacetKeys.NotAvailable}' END,
                   NULL, count(*), NULL, NULL
            FROM (SELECT hi.id, bool_or(hi.available) AS available FROM hit_items hi
                  WHERE true{LibraryCondition("hi.library_id")} GROUP BY hi.id) a
            GROUP BY a.available
            UNION ALL SELECT * FROM (
              SELECT 'Author', au.id::text, au.name, count(DISTINCT h.id) AS n, NULL::float8, NULL::boolean
              FROM facet_hits h JOIN record_author ra ON ra.record_id = h.id JOIN authors au ON au.id = ra.author_id
              GROUP BY au.id, au.name ORDER BY n DESC, au.name LIMIT {FacetTop}) fa
            UNION ALL SELECT * FROM (
              SELECT 'Subject', s.id::text, s.label, count(DISTINCT h.id) AS n, NULL::float8, NULL::boolean
              FROM facet_hits h JOIN record_subject rs ON rs.record_id = h.id JOIN subjects s ON s.id = rs.subject_id
              GROUP BY s.id, s.label ORDER BY n DESC, s.label LIMIT {FacetTop}) fs
            """;

    private string Matched()
    {
        var parts = new List<string>();
        if (_query.Terms.Count > 0)
        {
            parts.Add("SELECT id, rank, false AS exact FROM text_hits");
        }

        if (_query.Barcode is not null)
        {
            parts.Add($"SELECT it.record_id, 1000.0::float8, true FROM items it WHERE it.barcode = {Add(_query.Barcode)}");
        }

        if (_query.Isbns.Count > 0)
        {
            parts.Add($"SELECT r.id, 900.0::float8, true FROM records r WHERE r.isbn = ANY({Add(_query.Isbns.ToArray())})");
        }

        if (_query.Issns.Count > 0)
        {
            parts.Add($"SELECT r.id, 900.0::float8, true FROM records r WHERE r.issn = ANY({Add(_query.Issns.ToArray())})");
        }

        if (parts.Count == 0)
        {
            return "matched AS (SELECT r.id, 0::float8 AS rank, false AS exact FROM records r)";
        }

        var text = _query.Terms.Count > 0 ? TextHits() + ",\n" : "";
        return text + $"""
            matched AS (
              SELECT id, max(rank) AS rank, bool_or(exact) AS exact FROM (
                {string.Join("\n    UNION ALL ", parts)}) u
              GROUP BY id)
            """;
    }

    private string TextHits()
    {
        var all = string.Join(" && ", _query.Terms.Select(TermSql));
        var title = Add(_query.Text);
        var exactTitle = $"CASE WHEN r.title_normalized = f_unaccent(lower({title})) THEN 1.0 ELSE 0.0 END";
        return $"""
            q AS (SELECT {all} AS q),
            text_hits AS (
              SELECT r.id, ts_rank_cd({FullVector}, q.q)::float8 + {exactTitle} AS rank
              FROM records r, q WHERE {FullVector} @@ q.q)
            """;
    }

    /// <summary>
    /// Only letters, digits and spaces reach these functions (see <see cref="QueryParser"/>), and none of them raises on
    /// any text. A prefix is not stemmed (the stemmer would cut "germa" to "germ" and find "germinal"); it is folded
    /// like the indexed words and stripped again of anything unaccent may turn into punctuation.
    /// </summary>
    private string TermSql(QueryTerm term) => term.Kind switch
    {
        TermKind.Word => $"plainto_tsquery({Config}, {Add(term.Text)})",
        TermKind.Phrase => $"phraseto_tsquery({Config}, {Add(term.Text)})",
        TermKind.Prefix => $"to_tsquery('simple', coalesce(nullif(regexp_replace(f_unaccent(lower({Add(term.Text)})), '[^[:alnum:]]+', '', 'g'), '') || ':*', ''))",
    };

    private string Filters()
    {
        var conditions = new List<string> { "true" };
        var f = _filters;
        if (f.DocumentTypes.Count > 0)
        {
            conditions.Add($"r.type = ANY({Add(f.DocumentTypes.Select(t => t.ToString()).ToArray())})");
        }

        if (f.Languages.Count > 0)
        {
            conditions.Add($"lower(r.language) = ANY({Add(f.Languages.ToArray())})");
        }

        if (f.YearRanges.Count > 0)
        {
            conditions.Add("(" + string.Join(" OR ", f.YearRanges.Distinct().Select(YearCondition)) + ")");
        }

        if (f.LibraryIds.Count > 0)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND {ActiveItem}{LibraryCondition()})");
        }

        if (f.Availability is { } availability)
        {
            var available = $"EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND {ActiveItem}{LibraryCondition()} AND {AvailableItem})";
            conditions.Add(availability switch
            {
                AvailabilityFilter.AvailableNow => available,
                AvailabilityFilter.NotAvailable =>
                    $"EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND {ActiveItem}{LibraryCondition()}) AND NOT {available}",
            });
        }

        if (f.AuthorIds.Count > 0)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM record_author ra WHERE ra.record_id = r.id AND ra.author_id = ANY({Add(f.AuthorIds.ToArray())}))");
        }

        if (f.SubjectIds.Count > 0)
        {
            conditions.Add($"EXISTS (SELECT 1 FROM record_subject rs WHERE rs.record_id = r.id AND rs.subject_id = ANY({Add(f.SubjectIds.ToArray())}))");
        }

        return string.Join(" AND ", conditions);
    }

    /// <summary>With a library filter, availability means "available in one of those libraries".</summary>
    private string LibraryCondition(string column = "i.current_library_id") =>
        _filters.LibraryIds.Count > 0 ? $" AND {column} = ANY({Add(_filters.LibraryIds.ToArray())})" : "";

    private static string YearCondition(YearRange range)
    {
        var (from, to) = FacetKeys.Bounds(range);
        var lower = from is { } f ? string.Create(CultureInfo.InvariantCulture, $"r.publication_year >= {f}") : "r.publication_year IS NOT NULL";
        return to is { } t ? string.Create(CultureInfo.InvariantCulture, $"({lower} AND r.publication_year <= {t})") : $"({lower})";
    }

    private static string YearKey(string column)
    {
        var cases = Enum.GetValues<YearRange>()
            .Select(range => (range, FacetKeys.Bounds(range).To))
            .Select(x => x.To is { } to
                ? string.Create(CultureInfo.InvariantCulture, $"WHEN {column} <= {to} THEN '{FacetKeys.Of(x.range)}'")
                : $"ELSE '{FacetKeys.Of(x.range)}'");
        return "CASE " + string.Join(" ", cases) + " END";
    }

    private string OrderBy(SearchSort sort) => sort switch
    {
        SearchSort.Relevance when _query.IsEmpty => "h.created_at DESC, h.id DESC",
        SearchSort.Relevance => "h.rank DESC, h.id",
        SearchSort.YearDescending => "h.publication_year DESC NULLS LAST, h.id",
        SearchSort.YearAscending => "h.publication_year ASC NULLS LAST, h.id",
        SearchSort.Title => "h.title_normalized, h.id",
        SearchSort.Newest => "h.created_at DESC, h.id DESC",
    };

    private string Add(object value)
    {
        var name = "p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(value switch
        {
            string[] strings => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = strings },
            Guid[] guids => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = guids },
            string text => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = text },
            int number => new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = number },
            _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "Unsupported parameter type."),
        });
        return "@" + name;
    }
}
