using System.Net;
using MediaBib.Web.Tests.Infrastructure;

namespace MediaBib.Web.Tests.Opac;

/// <summary>The public catalogue pages, anonymous, rendered on the server from the real search service.</summary>
public sealed class OpacPagesTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} gave {(int)response.StatusCode}: {html[..Math.Min(500, html.Length)]}");
        return html;
    }

    /// <summary>The page's text with entities decoded (the renderer encodes accents as character references).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task Home_Anonymous_ShowsSearchBoxAndNewestAcquisitionsWithoutCircuit()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var html = Text(await GetOkAsync(client, "/opac"));

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        Assert.Contains("Nouveautés", html, StringComparison.Ordinal);
        Assert.Contains(data.Marker, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/opac#contenu\"", html, StringComparison.Ordinal);
        // Static server rendering: no interactive component marker, no MudBlazor.
        Assert.DoesNotContain("<!--Blazor:{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MudBlazor.min.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_AccentFreeLowercaseQuery_FindsAccentedTitleWithAvailabilityAndFacets()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var html = Text(await GetOkAsync(client, $"/opac/recherche?q=metamorphoses+{data.Marker.ToLowerInvariant()}"));

        Assert.Contains((data.Title), html, StringComparison.Ordinal);
        Assert.Contains($"/opac/notice/{data.Record.Id:D}", html, StringComparison.Ordinal);
        Assert.Contains("1 document trouvé.", html, StringComparison.Ordinal);
        Assert.Contains(($"Disponible à {data.Library.Name} (1)"), html, StringComparison.Ordinal);
        Assert.Contains("Type de document", html, StringComparison.Ordinal);
        Assert.Matches(@"Livre\s*<span class=""opac-facet-count"">\(1\)</span>", html);
        Assert.Contains($"library={data.Library.Id:D}", html, StringComparison.Ordinal);
        Assert.Contains($"author={data.Author.Id:D}", html, StringComparison.Ordinal);
        Assert.Contains("Trier par", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_FacetLinkFollowed_FiltersAndMarksTheFacetSelected()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var kept = Text(await GetOkAsync(client, $"/opac/recherche?q={data.Marker}&type=Book&availability=available"));
        var excluded = Text(await GetOkAsync(client, $"/opac/recherche?q={data.Marker}&type=Video"));

        Assert.Contains((data.Title), kept, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\"", kept, StringComparison.Ordinal);
        Assert.Contains("Retirer tous les filtres", kept, StringComparison.Ordinal);
        Assert.DoesNotContain((data.Title), excluded, StringComparison.Ordinal);
        Assert.Contains("Aucun document trouvé.", excluded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_Typo_SuggestsTheRightSpelling()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var html = Text(await GetOkAsync(client, $"/opac/recherche?q=metamorphozes+{data.Marker}"));

        Assert.Matches(@"(?i)Vouliez-vous dire <a href=""[^""]*"">[^<]*m[ée]tamorphoses", html);
    }

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "", "Vous n'avez saisi aucun mot" },
        { new string('a', 5000), "seuls les 200 premiers caractères" },
        { "'; DROP TABLE records; --", "caractères spéciaux" },
        { "<script>alert(1)</script>", "caractères spéciaux" },
        { "\"les misérables", "guillemet n'était pas fermé" },
        { "a & | ! : ( ) <->", "caractères spéciaux" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Results_HostileInput_Gives200AndExplains(string text, string expected)
    {
        using var client = app.CreateClient();

        var html = await GetOkAsync(client, "/opac/recherche?q=" + Uri.EscapeDataString(text));

        Assert.Contains(expected, Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=999999&size=-4")]
    [InlineData("sort=random&type=Spaceship&library=not-a-guid")]
    public async Task Results_BadParameters_AreIgnoredWithAMessage(string query)
    {
        using var client = app.CreateClient();

        var html = Text(await GetOkAsync(client, "/opac/recherche?q=roman&" + query));

        Assert.Contains("paramètres de l'adresse n'étaient pas valides", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_Anonymous_ShowsDescriptionCopiesHoldsAndPermalink()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var html = Text(await GetOkAsync(client, $"/opac/notice/{data.Record.Id:D}"));

        Assert.Contains($"<h1>{(data.Title)}</h1>", html, StringComparison.Ordinal);
        Assert.Contains((data.Library.Name), html, StringComparison.Ordinal);
        Assert.Contains("Romans adultes", html, StringComparison.Ordinal);
        Assert.Contains("R MET", html, StringComparison.Ordinal);
        Assert.Contains(">Disponible</td>", html, StringComparison.Ordinal);
        Assert.Contains("Aucune réservation en cours.", html, StringComparison.Ordinal);
        Assert.Contains(("Éditions du Lac"), html, StringComparison.Ordinal);
        Assert.Contains("Français", html, StringComparison.Ordinal);
        Assert.Contains($"/opac/notice/{data.Record.Id:D}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Cote</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_UnknownId_Gives404WithAFrenchPage()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/opac/notice/{Guid.NewGuid():D}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Notice introuvable", Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffHome_Anonymous_StillRedirectsToSignIn()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
