using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaBib.Web.Tests.Api;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Opac;

/// <summary><c>/api/v1/opac/token</c> and <c>/api/v1/opac/account</c>: patron bearer tokens, RFC 7807 errors.</summary>
public sealed class PatronApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> TokenClientAsync(PatronTestData data, MediaBib.Domain.Patrons.Patron? patron = null)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/opac/token",
            new { card_number = (patron ?? data.Patron).CardNumber.Value, password = PatronTestData.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.StartsWith("mbp_", token, StringComparison.Ordinal);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Account_WithoutOrWithABadToken_Is401Problem()
    {
        using var client = app.CreateClient();

        var none = await client.GetAsync("/api/v1/opac/account", Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mbp_forged");
        var forged = await client.GetAsync("/api/v1/opac/account", Ct);

        await CirculationApiTests.AssertProblemAsync(none, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await CirculationApiTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Account_StaffApiToken_DoesNotOpenAPatronAccount()
    {
        var staffData = await ApiTestData.CreateAsync(app);
        using var staff = await staffData.ClientAsync(MediaBib.Domain.Staff.StaffRoles.Admin);

        var response = await staff.GetAsync("/api/v1/opac/account", Ct);

        await CirculationApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Token_WrongPassword_Is401InvalidCredentials()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/opac/token", new { card_number = data.Patron.CardNumber.Value, password = "faux" }, Ct);

        var problem = await CirculationApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Contains("incorrect", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_WithToken_ListsLoansHoldsAndFines_RenewsAndHoldsThroughTheEngine()
    {
        var data = await PatronTestData.CreateAsync(app);
        var loanId = await data.LendAsync(data.Patron, 0);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        await data.HoldAsync(other, 0);
        var theirLoan = await data.LendAsync(other, 1);
        using var client = await TokenClientAsync(data);

        var account = await client.GetFromJsonAsync<JsonElement>("/api/v1/opac/account", Ct);
        var renew = await client.PostAsync($"/api/v1/opac/account/loans/{loanId}/renew", null, Ct);
        var renewTheirs = await client.PostAsync($"/api/v1/opac/account/loans/{theirLoan}/renew", null, Ct);
        var placed = await client.PostAsJsonAsync("/api/v1/opac/account/holds",
            new { record_id = data.Titles[1].Record.Id, pickup_library_id = data.Library.Id }, Ct);
        var missingPickup = await client.PostAsJsonAsync("/api/v1/opac/account/holds", new { record_id = data.Titles[1].Record.Id }, Ct);

        Assert.Equal(data.Patron.CardNumber.Value, account.GetProperty("cardNumber").GetString());
        var loan = Assert.Single(account.GetProperty("loans").EnumerateArray());
        Assert.Equal(loanId, loan.GetProperty("id").GetGuid());
        Assert.Equal(data.Titles[0].Record.Title, loan.GetProperty("title").GetString());
        Assert.Empty(account.GetProperty("holds").EnumerateArray());
        var problem = await CirculationApiTests.AssertProblemAsync(renew, HttpStatusCode.Conflict, "loan.renewal_on_hold");
        Assert.Contains("réservé par un autre lecteur", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await CirculationApiTests.AssertProblemAsync(renewTheirs, HttpStatusCode.NotFound, "loan.unknown");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var holdId = (await placed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("holdId").GetGuid();
        await CirculationApiTests.AssertProblemAsync(missingPickup, HttpStatusCode.BadRequest, "validation.required");

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/opac/account", Ct);
        var hold = Assert.Single(after.GetProperty("holds").EnumerateArray());
        Assert.Equal(holdId, hold.GetProperty("id").GetGuid());
        Assert.Equal("pending", hold.GetProperty("status").GetString());
        Assert.Equal(1, hold.GetProperty("position").GetInt32());

        var cancelled = await client.DeleteAsync($"/api/v1/opac/account/holds/{holdId}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.ObjectId == holdId).Select(a => new { a.Action, a.ActorKind, a.Actor }).ToListAsync(Ct);
        Assert.Contains(audit, a => a.Action == "hold_placed" && a.ActorKind == "patron" && a.Actor == data.Patron.CardNumber.Value);
        Assert.Contains(audit, a => a.Action == "hold_cancelled" && a.ActorKind == "patron");
    }

    [Fact]
    public async Task Token_AfterPasswordChange_StopsWorking()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = await TokenClientAsync(data);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/opac/account", Ct)).StatusCode);

        await app.Services.GetRequiredService<MediaBib.Infrastructure.PatronAccount.PatronCredentials>()
            .SetPasswordAsync(PatronTestData.Desk, data.Patron.Id, "un-autre-mot-de-passe", Ct);

        await CirculationApiTests.AssertProblemAsync(await client.GetAsync("/api/v1/opac/account", Ct), HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task OpenApiDocument_ListsThePatronEndpoints()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/opac/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/opac/account", out _));
        Assert.True(paths.TryGetProperty("/api/v1/opac/account/holds", out _));
        Assert.True(paths.TryGetProperty("/api/v1/opac/account/loans/{id}/renew", out _));
    }
}
