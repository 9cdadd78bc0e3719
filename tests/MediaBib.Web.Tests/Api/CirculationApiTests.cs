using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaBib.Domain.Staff;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Tests.Api;

public sealed class CirculationApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loans_CheckoutRenewReturn_FollowTheEngineAndAreAudited()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(StaffRoles.Circulation);
        var barcode = data.Items[0].Barcode.Value;

        var created = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = data.Patron.CardNumber.Value, item_barcode = barcode }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var loan = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var loanId = loan.GetProperty("id").GetGuid();
        var due = loan.GetProperty("dueAt").GetDateTime();
        Assert.True(due > DateTime.UtcNow.AddDays(7));

        var again = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = data.Patron.CardNumber.Value, item_barcode = barcode }, Ct);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "item.not_available");

        var renewed = await client.PostAsJsonAsync($"/api/v1/loans/{loanId}/renew", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(1, (await renewed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("renewalCount").GetInt32());

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/loans?patronId={data.Patron.Id}&open=true", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(barcode, list.GetProperty("items")[0].GetProperty("itemBarcode").GetString());

        var returned = await client.PostAsync($"/api/v1/loans/{loanId}/return", null, Ct);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var returnedTwice = await client.PostAsync($"/api/v1/loans/{loanId}/return", null, Ct);
        await AssertProblemAsync(returnedTwice, HttpStatusCode.Conflict, "loan.already_returned");

        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.ObjectId == loanId).Select(a => new { a.Action, a.ActorKind }).ToListAsync(Ct);
        Assert.Contains(actions, a => a.Action == "checkout" && a.ActorKind == "api");
    }

    [Fact]
    public async Task Loans_BlockedPatron_IsRefusedWithStableReasonCode()
    {
        var data = await ApiTestData.CreateAsync(app);
        var blocked = await data.AddPatronAsync(p => p.Block("Carte perdue"));
        using var client = await data.ClientAsync(StaffRoles.Circulation);

        var response = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = blocked.CardNumber.Value, item_barcode = data.Items[0].Barcode.Value }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "patron.blocked.manual");
        Assert.Contains("bloqué", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Loans_OverrideWithoutPermission_IsForbidden()
    {
        var data = await ApiTestData.CreateAsync(app);
        var blocked = await data.AddPatronAsync(p => p.Block("Retards"));
        using var client = await data.ClientAsync(StaffRoles.Circulation);

        var response = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = blocked.CardNumber.Value, item_barcode = data.Items[0].Barcode.Value, override_reason = "Urgence" }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "auth.override_forbidden");
    }

    [Fact]
    public async Task Loans_UnknownItemAndMissingField_GiveNotFoundAndFieldError()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(StaffRoles.Circulation);

        var unknown = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = data.Patron.CardNumber.Value, item_barcode = "NOSUCHITEM42" }, Ct);
        var missing = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = data.Patron.CardNumber.Value }, Ct);

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "item.unknown");
        var problem = await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "validation.required");
        Assert.True(problem.GetProperty("errors").TryGetProperty("item_barcode", out _));
    }

    [Fact]
    public async Task Holds_PlaceListCancel_KeepTheQueue()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var client = await data.ClientAsync(StaffRoles.Circulation);
        var other = await data.AddPatronAsync();
        foreach (var item in data.Items)
        {
            var lent = await client.PostAsJsonAsync("/api/v1/loans", new { patron_barcode = other.CardNumber.Value, item_barcode = item.Barcode.Value }, Ct);
            Assert.Equal(HttpStatusCode.Created, lent.StatusCode);
        }

        var placed = await client.PostAsJsonAsync("/api/v1/holds", new { patron_barcode = data.Patron.CardNumber.Value, record_id = data.Record.Id, pickup_library_id = data.Library.Id }, Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var hold = await placed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, hold.GetProperty("position").GetInt32());

        var twice = await client.PostAsJsonAsync("/api/v1/holds", new { patron_barcode = data.Patron.CardNumber.Value, record_id = data.Record.Id, pickup_library_id = data.Library.Id }, Ct);
        await AssertProblemAsync(twice, HttpStatusCode.Conflict, "hold.already_holding");

        var queue = await client.GetFromJsonAsync<JsonElement>($"/api/v1/holds?recordId={data.Record.Id}", Ct);
        Assert.Equal(1, queue.GetProperty("total").GetInt32());

        var cancelled = await client.DeleteAsync($"/api/v1/holds/{hold.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var cancelledTwice = await client.DeleteAsync($"/api/v1/holds/{hold.GetProperty("id").GetGuid()}", Ct);
        await AssertProblemAsync(cancelledTwice, HttpStatusCode.Conflict, "hold.not_active");
    }

    [Fact]
    public async Task Fines_ChargeAndPartialPayment_UpdateOutstanding_WaiverNeedsPermission()
    {
        var data = await ApiTestData.CreateAsync(app);
        using var desk = await data.ClientAsync(StaffRoles.Circulation);
        using var admin = await data.ClientAsync(StaffRoles.Admin);

        var charged = await desk.PostAsJsonAsync("/api/v1/fines", new { patron_id = data.Patron.Id, amount = 12.50m, description = "Boîtier de DVD cassé" }, Ct);
        Assert.Equal(HttpStatusCode.Created, charged.StatusCode);
        var fineId = (await charged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fineId").GetGuid();

        var paid = await desk.PostAsJsonAsync($"/api/v1/fines/{fineId}/payments", new { amount = 5m, method = "cash" }, Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(7.50m, (await paid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outstanding").GetDecimal());

        var tooMuch = await desk.PostAsJsonAsync($"/api/v1/fines/{fineId}/payments", new { amount = 50m, method = "cash" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);

        var waivedByDesk = await desk.PostAsJsonAsync($"/api/v1/fines/{fineId}/payments", new { method = "waiver", waive_reason = "Geste commercial" }, Ct);
        await AssertProblemAsync(waivedByDesk, HttpStatusCode.Forbidden, "auth.waive_forbidden");
        var waivedByAdmin = await admin.PostAsJsonAsync($"/api/v1/fines/{fineId}/payments", new { method = "waiver", waive_reason = "Geste commercial" }, Ct);
        Assert.Equal(HttpStatusCode.OK, waivedByAdmin.StatusCode);
        Assert.Equal(0m, (await waivedByAdmin.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outstanding").GetDecimal());

        var list = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/fines?patronId={data.Patron.Id}", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string reasonCode)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(reasonCode, problem.GetProperty("reasonCode").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
