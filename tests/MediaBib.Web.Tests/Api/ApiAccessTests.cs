using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Staff;
using MediaBib.Web.Api;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MediaBib.Web.Tests.Api;

public sealed class ApiAccessTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each endpoint × each role: allowed (anything but 401/403) or forbidden, as the permission matrix says.</summary>
    public static TheoryData<string, string, string, Permission?> Matrix()
    {
        var endpoints = new (string Method, string Path, Permission? Needs)[]
        {
            ("GET", "/api/v1/records", null),
            ("GET", "/api/v1/items", null),
            ("POST", "/api/v1/records", Permission.RecordsCreate),
            ("POST", "/api/v1/items", Permission.ItemsManage),
            ("GET", "/api/v1/patrons", Permission.PatronsView),
            ("POST", "/api/v1/patrons", Permission.PatronsManage),
            ("GET", "/api/v1/loans", Permission.PatronsView),
            ("POST", "/api/v1/loans", Permission.LoansCheckout),
            ("POST", "/api/v1/loans/{id}/return", Permission.ReturnsCheckin),
            ("POST", "/api/v1/loans/{id}/renew", Permission.Renewals),
            ("GET", "/api/v1/holds", Permission.Holds),
            ("POST", "/api/v1/holds", Permission.Holds),
            ("DELETE", "/api/v1/holds/{id}", Permission.Holds),
            ("GET", "/api/v1/fines", Permission.PatronsView),
            ("POST", "/api/v1/fines", Permission.FinesCollect),
            ("POST", "/api/v1/fines/{id}/payments", Permission.FinesCollect),
        };
        var data = new TheoryData<string, string, string, Permission?>();
        foreach (var role in StaffRoles.All)
        {
            foreach (var (method, path, needs) in endpoints)
            {
                data.Add(role, method, path, needs);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_EachRole_IsAllowedExactlyAsTheMatrixSays(string role, string method, string path, Permission? needs)
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(role);
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString()));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        var response = await client.SendAsync(request, Ct);

        var allowed = needs is null || RolePermissions.Allows(role, needs.Value);
        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        else
        {
            await CirculationApiTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "auth.forbidden");
        }
    }

    [Fact]
    public async Task Api_WithoutCredentials_Answers401ProblemNotARedirect()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/records", Ct);

        await CirculationApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Api_RevokedToken_IsRefused()
    {
        var data = await ApiTestData.CreateAsync(app);
        var (token, secret) = await data.CreateTokenAsync(StaffRoles.Admin);
        await using (var db = app.Database.CreateContext())
        {
            db.ApiTokens.Attach(token);
            token.Revoke(DateTime.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await client.GetAsync("/api/v1/records", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_StaffCookie_IsAcceptedLikeAToken()
    {
        using var client = await app.SignedInClientAsync(StaffRoles.Circulation);

        var response = await client.GetAsync("/api/v1/patrons?q=martin", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Records_MalformedIsbnAndEmptyTitle_GiveFieldLevelFrenchErrors()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(StaffRoles.Cataloguer);

        var badIsbn = await client.PostAsJsonAsync("/api/v1/records", new { title = "Germinal", isbn = "978-2-07-036822-9" }, Ct);
        var noTitle = await client.PostAsJsonAsync("/api/v1/records", new { title = " " }, Ct);
        var good = await client.PostAsJsonAsync("/api/v1/records", new { title = "Germinal", isbn = "978-2-07-036822-8", year = 1885 }, Ct);

        var isbnProblem = await CirculationApiTests.AssertProblemAsync(badIsbn, HttpStatusCode.BadRequest, "validation.invalid_checksum");
        Assert.True(isbnProblem.GetProperty("errors").TryGetProperty("isbn", out _));
        var titleProblem = await CirculationApiTests.AssertProblemAsync(noTitle, HttpStatusCode.BadRequest, "validation.required");
        Assert.Equal("Ce champ est obligatoire.", titleProblem.GetProperty("errors").GetProperty("title")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    [Fact]
    public async Task Items_DuplicateBarcode_IsAFieldError()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(StaffRoles.Cataloguer);

        var response = await client.PostAsJsonAsync("/api/v1/items", new { record_id = data.Record.Id, barcode = data.Items[0].Barcode.Value, item_type_id = data.ItemType.Id }, Ct);

        var problem = await CirculationApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation.duplicate");
        Assert.True(problem.GetProperty("errors").TryGetProperty("barcode", out _));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheCirculationEndpoints()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/loans", out _));
        Assert.True(paths.TryGetProperty("/api/v1/fines/{id}/payments", out _));
    }

    [Theory]
    [MemberData(nameof(AllReasons))]
    public void Refusal_EveryReason_MapsToAProblemWithItsStableCode(RefusalReason reason)
    {
        var result = ApiProblems.Refused([reason]);

        var problem = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(result);
        Assert.Equal(reason.Code(), problem.ProblemDetails.Extensions["reasonCode"]);
        Assert.Contains(problem.StatusCode, new[] { StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status400BadRequest });
        Assert.False(string.IsNullOrWhiteSpace(problem.ProblemDetails.Detail));
    }

    public static TheoryData<RefusalReason> AllReasons() => [.. Enum.GetValues<RefusalReason>()];
}
