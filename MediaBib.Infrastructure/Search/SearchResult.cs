using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Search;

/// <summary>A page of hits with the facets of the whole (filtered) result set.</summary>
/// <remarks>
/// <para><c>Text</c>: The text actually searched, after cleaning and truncation.</para>
/// <para><c>Total</c>: Number of records matching the text and the filters.</para>
/// <para><c>Facets</c>: Every group is present; a group with no value has an empty list.</para>
/// <para><c>DidYouMean</c>: A corrected query when few records were found and a close spelling exists.</para>
/// <para><c>Notices</c>: What the service changed in the input, so the UI can say so in plain words.</para>
/// <para><c>FacetsCountedOver</c>: When not null, the facet counts cover only this many hits, the first ones in the
/// list's order (the result has more hits than that).</para>
/// </remarks>
public sealed record SearchResult(
    string Text,
    int Total,
    int Page,
    int PageSize,
    SearchSort Sort,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<FacetGroup, IReadOnlyList<FacetValue>> Facets,
    string? DidYouMean,
    IReadOnlyList<SearchNotice> Notices,
    int? FacetsCountedOver = null);

/// <summary>One record of a result page, with what a result list shows and where copies are on the shelf now.</summary>
/// <remarks>
/// <para><c>ExactMatch</c>: Found by ISBN, ISSN or item barcode rather than by words.</para>
/// </remarks>
public sealed record SearchHit(
    Guid RecordId,
    RecordType Type,
    string Title,
    string? Subtitle,
    string? Responsibility,
    IReadOnlyList<string> Authors,
    int? PublicationYear,
    string? Publisher,
    string? Language,
    string? Isbn,
    string? CoverUrl,
    double Rank,
    bool ExactMatch,
    IReadOnlyList<LibraryAvailability> Availability)
{
    public int AvailableCopies => Availability.Sum(a => a.Available);

    public int TotalCopies => Availability.Sum(a => a.Total);
}

/// <summary>
/// Copies of a record in one library as of the query: <see cref="Available"/> counts copies with status Available and
/// no open loan (copies on the hold shelf or in transit are not available); <see cref="Total"/> counts every copy
/// that is part of the collection (withdrawn and lost copies are left out).
/// </summary>
public sealed record LibraryAvailability(Guid LibraryId, string LibraryCode, string LibraryName, int Available, int Total);

/// <summary>
/// A facet value. <see cref="Key"/> goes back into <see cref="SearchFilters.With"/>. <see cref="Label"/> is the
/// data's own label (library, author, subject); coded values (type, language, year range, availability) carry their
/// key as label and the UI translates them from its resources.
/// </summary>
public sealed record FacetValue(string Key, string Label, int Count, bool Selected);

/// <summary>What the service did to hard-to-read input.</summary>
public enum SearchNotice
{
    /// <summary>The text was longer than <see cref="QueryParser.MaxTextLength"/> characters and was cut.</summary>
    TextTruncated,

    /// <summary>A quote was not closed; its words were searched as plain words.</summary>
    UnbalancedQuote,

    /// <summary>Operator or control characters (&amp; | ! : ( ) &lt; &gt; …) were ignored.</summary>
    CharactersIgnored,

    /// <summary>Too many words: only the first <see cref="QueryParser.MaxTerms"/> were searched.</summary>
    TooManyTerms,

    /// <summary>The page size or page number asked for was out of range and was brought back into it.</summary>
    PagingAdjusted,
}
