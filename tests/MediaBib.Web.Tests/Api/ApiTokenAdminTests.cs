using System.Net;
using System.Net.Http.Headers;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.ApiAccess;
using MediaBib.Infrastructure.Audit;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Api;

public sealed class ApiTokenAdminTests(WebAppFixture app)
{
    private static readonly Actor Administrator = new(ActorKind.Staff, "admin-jetons", Guid.CreateVersion7());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateThenRevoke_SecretWorksUntilRevoked_BothAudited()
    {
        var data = await ApiTestData.CreateAsync(app);
        var admin = app.Services.GetRequiredService<ApiTokenAdmin>();

        var created = await admin.CreateAsync(Administrator, "Portail de la ville", data.Library.Id, StaffRoles.Cataloguer, null, Ct);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Value!.Secret);
        var before = await client.GetAsync("/api/v1/records", Ct);
        await admin.RevokeAsync(Administrator, created.Value.Id, Ct);
        var after = await client.GetAsync("/api/v1/records", Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var row = Assert.Single(await admin.ListAsync(Ct), t => t.Id == created.Value.Id);
        Assert.NotNull(row.RevokedAt);
        Assert.StartsWith(row.DisplayPrefix, created.Value.Secret, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.ObjectId == created.Value.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("api_token_created", actions);
        Assert.Contains("api_token_revoked", actions);
        var logged = await db.AuditEntries.Where(a => a.ObjectId == created.Value.Id).Select(a => new { a.Before, a.After, a.Message }).ToListAsync(Ct);
        Assert.All(logged, e => Assert.DoesNotContain(created.Value.Secret, e.Before + e.After + e.Message));
    }

    [Fact]
    public async Task Create_UnknownRoleOrPastExpiry_IsAFieldError()
    {
        var data = await ApiTestData.CreateAsync(app);
        var admin = app.Services.GetRequiredService<ApiTokenAdmin>();

        var badRole = await admin.CreateAsync(Administrator, "x", data.Library.Id, "Superuser", null, Ct);
        var expired = await admin.CreateAsync(Administrator, "y", data.Library.Id, StaffRoles.Admin, new DateOnly(2020, 1, 1), Ct);

        Assert.Equal("role", Assert.Single(badRole.Errors).Field);
        Assert.Equal("expiresOn", Assert.Single(expired.Errors).Field);
    }
}
