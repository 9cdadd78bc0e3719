using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Search;

/// <summary>
/// One catalogue search as the OPAC, the staff pages and the API ask for it. Anything may come from a URL: the
/// service cleans the text, caps the page size and ignores filter keys it cannot read.
/// </summary>
/// <remarks>
/// <para><c>Text</c>: Free text: words, "exact phrases", prefixes (<c>germin*</c>), an ISBN/ISSN or an item barcode. Empty means "newest records".</para>
/// <para><c>Page</c>: 1-based page number.</para>
/// <para><c>WithFacets</c>: false skips the facet counts (home page lists, API clients that do not show them).</para>
/// </remarks>
public sealed record SearchQuery(
    string? Text,
    SearchFilters? Filters = null,
    SearchSort Sort = SearchSort.Relevance,
    int Page = 1,
    int PageSize = SearchQuery.DefaultPageSize,
    bool WithFacets = true)
{
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 100;

    /// <summary>Deep pages cost a sort of everything before them; nobody reads page 500 of a result list.</summary>
    public const int MaxPage = 500;
}

public enum SearchSort
{
    /// <summary>Best match first; for an empty query, the newest records first.</summary>
    Relevance,
    YearDescending,
    YearAscending,
    Title,

    /// <summary>Newest acquisitions: records by creation date, newest first.</summary>
    Newest,
}

/// <summary>The facet groups of a result list. Filters AND between groups and OR within a group.</summary>
public enum FacetGroup
{
    DocumentType,
    Library,
    Availability,
    Language,
    PublicationYear,
    Author,
    Subject,
}

/// <summary>Publication year ranges of the year facet.</summary>
public enum YearRange
{
    Before1950,
    From1950To1999,
    From2000To2009,
    From2010To2019,
    From2020,
}

/// <summary>Availability facet: a copy is on a shelf now, or every copy is out (on loan, on the hold shelf, in transit…).</summary>
public enum AvailabilityFilter
{
    AvailableNow,
    NotAvailable,
}

/// <summary>Facet filters chosen by the reader. Empty lists mean "no filter on this group".</summary>
public sealed record SearchFilters
{
    public static SearchFilters None { get; } = new();

    public IReadOnlyList<RecordType> DocumentTypes { get; init; } = [];

    /// <summary>Records with a copy in one of these libraries (where the copy is now).</summary>
    public IReadOnlyList<Guid> LibraryIds { get; init; } = [];

    public AvailabilityFilter? Availability { get; init; }

    /// <summary>ISO 639-2 codes (<c>fre</c>, <c>eng</c>).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<YearRange> YearRanges { get; init; } = [];

    public IReadOnlyList<Guid> AuthorIds { get; init; } = [];

    public IReadOnlyList<Guid> SubjectIds { get; init; } = [];

    public bool IsEmpty =>
        DocumentTypes.Count == 0 && LibraryIds.Count == 0 && Availability is null && Languages.Count == 0
        && YearRanges.Count == 0 && AuthorIds.Count == 0 && SubjectIds.Count == 0;

    /// <summary>
    /// Adds the facet value with this key (as returned in <see cref="FacetValue.Key"/>). A key that cannot be read
    /// (edited URL, stale link) is ignored rather than failing the search.
    /// </summary>
    public SearchFilters With(FacetGroup group, string? key)
    {
        var k = (key ?? "").Trim();
        return group switch
        {
            FacetGroup.DocumentType => Enum.TryParse<RecordType>(k, ignoreCase: true, out var t) && Enum.IsDefined(t)
                ? this with { DocumentTypes = [.. DocumentTypes, t] } : this,
            FacetGroup.Library => Guid.TryParse(k, out var l) ? this with { LibraryIds = [.. LibraryIds, l] } : this,
            FacetGroup.Availability => FacetKeys.TryParseAvailability(k, out var a) ? this with { Availability = a } : this,
            FacetGroup.Language => k.Length is > 0 and <= 3 && k.All(char.IsAsciiLetter)
                ? this with { Languages = [.. Languages, k.ToLowerInvariant()] } : this,
            FacetGroup.PublicationYear => FacetKeys.TryParseYearRange(k, out var y) ? this with { YearRanges = [.. YearRanges, y] } : this,
            FacetGroup.Author => Guid.TryParse(k, out var au) ? this with { AuthorIds = [.. AuthorIds, au] } : this,
            FacetGroup.Subject => Guid.TryParse(k, out var s) ? this with { SubjectIds = [.. SubjectIds, s] } : this,
        };
    }
}

/// <summary>Stable keys of the coded facet values, used in URLs and by the UI's resource lookups.</summary>
public static class FacetKeys
{
    public const string AvailableNow = "available";
    public const string NotAvailable = "unavailable";

    public static string Of(AvailabilityFilter value) => value switch
    {
        AvailabilityFilter.AvailableNow => AvailableNow,
        AvailabilityFilter.NotAvailable => NotAvailable,
    };

    public static string Of(YearRange range) => range switch
    {
        YearRange.Before1950 => "before-1950",
        YearRange.From1950To1999 => "1950-1999",
        YearRange.From2000To2009 => "2000-2009",
        YearRange.From2010To2019 => "2010-2019",
        YearRange.From2020 => "2020-plus",
    };

    /// <summary>Inclusive bounds; null means open-ended.</summary>
    public static (int? From, int? To) Bounds(YearRange range) => range switch
    {
        YearRange.Before1950 => (null, 1949),
        YearRange.From1950To1999 => (1950, 1999),
        YearRange.From2000To2009 => (2000, 2009),
        YearRange.From2010To2019 => (2010, 2019),
        YearRange.From2020 => (2020, null),
    };

    public static bool TryParseYearRange(string key, out YearRange range)
    {
        foreach (var candidate in Enum.GetValues<YearRange>())
        {
            if (string.Equals(Of(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                range = candidate;
                return true;
            }
        }

        range = default;
        return false;
    }

    public static bool TryParseAvailability(string key, out AvailabilityFilter value)
    {
        foreach (var candidate in Enum.GetValues<AvailabilityFilter>())
        {
            if (string.Equals(Of(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
