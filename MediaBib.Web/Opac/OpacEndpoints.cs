using MediaBib.Infrastructure.Search;
using MediaBib.Web.Resources;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Opac;

/// <summary>The public catalogue API: <c>GET /api/v1/opac/search</c>, anonymous, RFC 7807 for bad parameters.</summary>
public static class OpacEndpoints
{
    public static WebApplication MapOpacEndpoints(this WebApplication app)
    {
        var opac = app.MapGroup("/api/v1/opac").AllowAnonymous().DisableAntiforgery().WithTags("OPAC");
        opac.MapGet("/search", SearchAsync)
            .WithSummary("Recherche publique dans le catalogue (anonyme)")
            .WithDescription("Paramètres : q, page (1–500), size (1–100), sort (relevance, year-desc, year-asc, title, newest), "
                + "filtres répétables type, library, availability, language, year, author, subject (clés renvoyées dans facets).");
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, SearchService search, IStringLocalizer<OpacResources> text, CancellationToken ct)
    {
        var parsed = OpacSearchRequest.Parse(request.Query, out var errors);
        if (errors.Count > 0)
        {
            var first = errors[0];
            return Api.ApiProblems.Invalid(first.Field, first.Code, first.Message);
        }

        var result = await search.SearchAsync(parsed.ToQuery(), ct);
        return Results.Ok(OpacSearchResponse.From(result, text));
    }
}

public sealed record OpacSearchResponse(
    string Text,
    int Total,
    int Page,
    int PageSize,
    string Sort,
    string? DidYouMean,
    IReadOnlyList<OpacNoticeDto> Notices,
    IReadOnlyList<OpacHitDto> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets)
{
    public static OpacSearchResponse From(SearchResult result, IStringLocalizer<OpacResources> text) => new(
        result.Text,
        result.Total,
        result.Page,
        result.PageSize,
        OpacSearchRequest.KeyOf(result.Sort),
        result.DidYouMean,
        result.Notices.Select(n => new OpacNoticeDto(OpacLabels.NoticeCode(n), text["Notice." + n])).ToList(),
        result.Hits.Select(h => new OpacHitDto(
            h.RecordId, h.Type.ToString(), h.Title, h.Subtitle, h.Authors, h.PublicationYear, h.Publisher, h.Language, h.Isbn,
            h.CoverUrl, h.ExactMatch, h.AvailableCopies, h.TotalCopies,
            h.Availability.Select(a => new OpacAvailabilityDto(a.LibraryId, a.LibraryCode, a.LibraryName, a.Available, a.Total)).ToList(),
            "/opac/notice/" + h.RecordId.ToString("D"))).ToList(),
        result.Facets.ToDictionary(f => OpacSearchRequest.ParameterOf(f.Key), f => f.Value));
}

public sealed record OpacNoticeDto(string Code, string Message);

public sealed record OpacHitDto(
    Guid Id,
    string Type,
    string Title,
    string? Subtitle,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Publisher,
    string? Language,
    string? Isbn,
    string? CoverUrl,
    bool ExactMatch,
    int AvailableCopies,
    int TotalCopies,
    IReadOnlyList<OpacAvailabilityDto> Availability,
    string Link);

public sealed record OpacAvailabilityDto(Guid LibraryId, string LibraryCode, string LibraryName, int Available, int Total);
