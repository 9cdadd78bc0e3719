using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaBib.Web.Tests.Infrastructure;

namespace MediaBib.Web.Tests.Opac;

/// <summary><c>GET /api/v1/opac/search</c>: anonymous JSON, RFC 7807 for bad parameters.</summary>
public sealed class OpacSearchApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_Anonymous_ReturnsHitsAvailabilityAndFacets()
    {
        var data = await OpacTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/v1/opac/search?q=metamorphoses%20{data.Marker}&type=Book", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var hit = body.GetProperty("hits")[0];
        Assert.Equal(data.Record.Id, hit.GetProperty("id").GetGuid());
        Assert.Equal(data.Title, hit.GetProperty("title").GetString());
        Assert.Equal(1, hit.GetProperty("availableCopies").GetInt32());
        Assert.Equal(data.Library.Name, hit.GetProperty("availability")[0].GetProperty("libraryName").GetString());
        Assert.Equal($"/opac/notice/{data.Record.Id:D}", hit.GetProperty("link").GetString());
        var types = body.GetProperty("facets").GetProperty("type");
        Assert.Contains(types.EnumerateArray(), v => v.GetProperty("key").GetString() == "Book" && v.GetProperty("count").GetInt32() == 1 && v.GetProperty("selected").GetBoolean());
        Assert.Contains(body.GetProperty("facets").GetProperty("library").EnumerateArray(), v => v.GetProperty("key").GetString() == data.Library.Id.ToString("D"));
    }

    [Fact]
    public async Task Search_LongAndOperatorInput_Returns200WithNotices()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/opac/search?q=" + Uri.EscapeDataString(new string('x', 5000) + " & ! ("), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("notices").EnumerateArray()
            .Select(n => n.GetProperty("code").GetString()).ToList();
        Assert.Contains("search.text_truncated", codes);
    }

    [Theory]
    [InlineData("page=0", "page", "validation.out_of_range")]
    [InlineData("page=abc", "page", "validation.out_of_range")]
    [InlineData("size=1000", "size", "validation.out_of_range")]
    [InlineData("sort=random", "sort", "validation.sort")]
    [InlineData("type=Spaceship", "type", "validation.facet")]
    [InlineData("library=not-a-guid", "library", "validation.facet")]
    [InlineData("year=1800-1900", "year", "validation.facet")]
    public async Task Search_BadParameter_IsAProblemDocument(string query, string field, string code)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/opac/search?q=roman&" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("reasonCode").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
