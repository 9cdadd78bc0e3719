using System.Globalization;
using MediaBib.Infrastructure.Search;
using Microsoft.Extensions.Primitives;

namespace MediaBib.Web.Opac;

/// <summary>One problem in the query string of a public search (a field, a stable code, a French sentence).</summary>
public sealed record OpacParameterError(string Field, string Code, string Message);

/// <summary>
/// A public catalogue search as it travels in a URL (<c>?q=&amp;page=&amp;sort=&amp;type=&amp;library=…</c>), shared by
/// the OPAC pages and <c>GET /api/v1/opac/search</c>. Facet keys are kept as typed so links can be rebuilt; the search
/// service ignores the ones it cannot read. The pages fall back to defaults on bad values; the API reports them.
/// </summary>
public sealed record OpacSearchRequest(
    string Text,
    int Page,
    int PageSize,
    SearchSort Sort,
    IReadOnlyList<(FacetGroup Group, string Key)> Filters)
{
    public const int OpacPageSize = 20;

    public static OpacSearchRequest Empty { get; } = new("", 1, OpacPageSize, SearchSort.Relevance, []);

    /// <summary>Query-string name of each facet group.</summary>
    public static string ParameterOf(FacetGroup group) => group switch
    {
        FacetGroup.DocumentType => "type",
        FacetGroup.Library => "library",
        FacetGroup.Availability => "availability",
        FacetGroup.Language => "language",
        FacetGroup.PublicationYear => "year",
        FacetGroup.Author => "author",
        FacetGroup.Subject => "subject",
    };

    /// <summary>Query-string value of each sort.</summary>
    public static string KeyOf(SearchSort sort) => sort switch
    {
        SearchSort.Relevance => "relevance",
        SearchSort.YearDescending => "year-desc",
        SearchSort.YearAscending => "year-asc",
        SearchSort.Title => "title",
        SearchSort.Newest => "newest",
    };

    public static bool TryParseSort(string? key, out SearchSort sort)
    {
        foreach (var candidate in Enum.GetValues<SearchSort>())
        {
            if (string.Equals(KeyOf(candidate), key?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                sort = candidate;
                return true;
            }
        }

        sort = SearchSort.Relevance;
        return false;
    }

    /// <summary>Reads a query string. Bad values are replaced by defaults and listed in <paramref name="errors"/>.</summary>
    public static OpacSearchRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> query, out IReadOnlyList<OpacParameterError> errors)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var problems = new List<OpacParameterError>();
        string? Single(string name) => values.TryGetValue(name, out var v) ? v.LastOrDefault() : null;

        var page = ParseInt(Single("page"), "page", 1, 1, SearchQuery.MaxPage, problems);
        var size = ParseInt(Single("size"), "size", OpacPageSize, 1, SearchQuery.MaxPageSize, problems);
        var sort = SearchSort.Relevance;
        if (Single("sort") is { Length: > 0 } sortKey && !TryParseSort(sortKey, out sort))
        {
            problems.Add(new("sort", "validation.sort", "Tri inconnu : valeurs permises relevance, year-desc, year-asc, title, newest."));
        }

        var filters = new List<(FacetGroup, string)>();
        foreach (var group in Enum.GetValues<FacetGroup>())
        {
            var name = ParameterOf(group);
            if (!values.TryGetValue(name, out var keys))
            {
                continue;
            }

            foreach (var key in keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Take(20))
            {
                if (ReferenceEquals(SearchFilters.None.With(group, key), SearchFilters.None))
                {
                    problems.Add(new(name, "validation.facet", $"Valeur de filtre « {Shorten(key)} » inconnue pour « {name} »."));
                    continue;
                }

                filters.Add((group, key));
            }
        }

        errors = problems;
        return new OpacSearchRequest(Single("q") ?? "", page, size, sort, filters);
    }

    private static int ParseInt(string? raw, string field, int fallback, int min, int max, List<OpacParameterError> problems)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(new(field, "validation.out_of_range", $"« {field} » doit être un entier entre {min} et {max}."));
        return fallback;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public SearchFilters ToFilters() => Filters.Aggregate(SearchFilters.None, (f, pair) => f.With(pair.Group, pair.Key));

    public SearchQuery ToQuery(bool withFacets = true) => new(Text, ToFilters(), Sort, Page, PageSize, withFacets);

    public bool Has(FacetGroup group, string key) =>
        Filters.Any(f => f.Group == group && string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    public OpacSearchRequest Toggle(FacetGroup group, string key) => this with
    {
        Page = 1,
        Filters = Has(group, key)
            ? Filters.Where(f => !(f.Group == group && string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase))).ToList()
            : [.. Filters, (group, key)],
    };

    /// <summary>The OPAC results URL of this search.</summary>
    public string ToUrl(string path = "/opac/recherche")
    {
        var parts = new List<string>();
        if (Text.Length > 0)
        {
            parts.Add("q=" + Uri.EscapeDataString(Text));
        }

        parts.AddRange(Filters.Select(f => ParameterOf(f.Group) + "=" + Uri.EscapeDataString(f.Key)));
        if (Sort != SearchSort.Relevance)
        {
            parts.Add("sort=" + KeyOf(Sort));
        }

        if (PageSize != OpacPageSize)
        {
            parts.Add("size=" + PageSize.ToString(CultureInfo.InvariantCulture));
        }

        if (Page != 1)
        {
            parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }
}
