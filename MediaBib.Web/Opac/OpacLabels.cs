using MediaBib.Infrastructure.Search;

namespace MediaBib.Web.Opac;

/// <summary>Stable codes of what the public catalogue shows; the French text for each lives in OpacResources.</summary>
public static class OpacLabels
{
    public static string NoticeCode(SearchNotice notice) => notice switch
    {
        SearchNotice.TextTruncated => "search.text_truncated",
        SearchNotice.UnbalancedQuote => "search.unbalanced_quote",
        SearchNotice.CharactersIgnored => "search.characters_ignored",
        SearchNotice.TooManyTerms => "search.too_many_terms",
        SearchNotice.PagingAdjusted => "search.paging_adjusted",
    };

    /// <summary>Resource key of a facet value's label; null when the data's own label is shown (library, author, subject).</summary>
    public static string? FacetResourceKey(FacetGroup group, string key) => group switch
    {
        FacetGroup.DocumentType => "Type." + key,
        FacetGroup.Availability => "Availability." + key,
        FacetGroup.PublicationYear => "Year." + key,
        FacetGroup.Language => "Language." + key.ToLowerInvariant(),
        FacetGroup.Library or FacetGroup.Author or FacetGroup.Subject => null,
    };

    /// <summary>The Paris wall-clock date of a UTC instant, as the library's readers read it.</summary>
    public static string ParisDate(DateTime utc)
    {
        var paris = MediaBib.Domain.Circulation.LibraryTime.Zone;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), paris)
            .ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
    }
}
