using System.Globalization;

namespace MediaBib.Infrastructure.Search;

/// <summary>Turns the facet rows of the search statement into ordered facet groups with their selection state.</summary>
internal static class Facets
{
    public static IReadOnlyDictionary<FacetGroup, IReadOnlyList<FacetValue>> From(
        IEnumerable<SearchService.ResultRow> rows, SearchFilters filters)
    {
        var byGroup = rows
            .Where(r => r.Key is not null && Enum.TryParse<FacetGroup>(r.Kind, out _))
            .GroupBy(r => Enum.Parse<FacetGroup>(r.Kind))
            .ToDictionary(g => g.Key, g => g.ToList());

        var facets = new Dictionary<FacetGroup, IReadOnlyList<FacetValue>>();
        foreach (var group in Enum.GetValues<FacetGroup>())
        {
            var values = byGroup.GetValueOrDefault(group, [])
                .Select(r => new FacetValue(r.Key!, r.Label ?? r.Key!, (int)r.N, IsSelected(filters, group, r.Key!)));
            facets[group] = Order(group, values).ToList();
        }

        return facets;
    }

    private static IEnumerable<FacetValue> Order(FacetGroup group, IEnumerable<FacetValue> values) => group switch
    {
        FacetGroup.PublicationYear => values.OrderBy(v => FacetKeys.TryParseYearRange(v.Key, out var y) ? (int)y : int.MaxValue),
        FacetGroup.Availability => values.OrderBy(v => v.Key == FacetKeys.AvailableNow ? 0 : 1),
        FacetGroup.DocumentType or FacetGroup.Library or FacetGroup.Language or FacetGroup.Author or FacetGroup.Subject =>
            values.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true)),
    };

    private static bool IsSelected(SearchFilters filters, FacetGroup group, string key) => group switch
    {
        FacetGroup.DocumentType => filters.DocumentTypes.Any(t => string.Equals(t.ToString(), key, StringComparison.OrdinalIgnoreCase)),
        FacetGroup.Library => Guid.TryParse(key, out var l) && filters.LibraryIds.Contains(l),
        FacetGroup.Availability => filters.Availability is { } a && FacetKeys.Of(a) == key,
        FacetGroup.Language => filters.Languages.Contains(key, StringComparer.OrdinalIgnoreCase),
        FacetGroup.PublicationYear => FacetKeys.TryParseYearRange(key, out var y) && filters.YearRanges.Contains(y),
        FacetGroup.Author => Guid.TryParse(key, out var au) && filters.AuthorIds.Contains(au),
        FacetGroup.Subject => Guid.TryParse(key, out var s) && filters.SubjectIds.Contains(s),
    };
}
