using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Account;

public sealed class SignInTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_GoodPassword_SetsSecureCookieAndAuditsLogin()
    {
        // Arrange
        var user = await app.CreateStaffAsync(StaffRoles.Circulation);
        var client = app.CreateClient();

        // Act
        var response = await SignIn.PostAsync(client, user.UserName!, WebAppFixture.Password);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MediaBib.Staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetAsync("/", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        var entries = await AuditOfAsync(user.Id, "login");
        var entry = Assert.Single(entries);
        Assert.Equal(user.UserName, entry.Actor);
        Assert.Equal("staff", entry.ActorKind);
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
    }

    [Fact]
    public async Task Login_WrongPassword_RefusesAndAuditsLoginFailed()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Cataloguer);
        var client = app.CreateClient();

        var response = await SignIn.PostAsync(client, user.UserName!, "not the right password");

        Assert.StartsWith("/account/login?error=invalid", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("MediaBib.Staff=", StringComparison.Ordinal)));
        var failed = Assert.Single(await AuditOfAsync(user.Id, "login_failed"));
        Assert.Equal("Warning", failed.Severity.ToString());
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Identifiant ou mot de passe incorrect", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksOutEvenTheRightPassword()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Circulation);
        var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await SignIn.PostAsync(client, user.UserName!, "wrong password " + i);
            Assert.StartsWith("/account/login?error=invalid", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var fifth = await SignIn.PostAsync(client, user.UserName!, "wrong password 5");
        var right = await SignIn.PostAsync(client, user.UserName!, WebAppFixture.Password);

        Assert.StartsWith("/account/login?error=locked", fifth.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/login?error=locked", right.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct);
        Assert.NotNull(stored.LockoutEnd);
        Assert.InRange(stored.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Login_DisabledAccount_IsRefusedWithItsReason()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Circulation);
        var accounts = app.Services.GetRequiredService<StaffAccounts>();
        var disabled = await accounts.SetDisabledAsync(new Actor(ActorKind.Staff, "test-admin"), user.Id, disabled: true, Ct);
        Assert.True(disabled.Succeeded);

        var response = await SignIn.PostAsync(app.CreateClient(), user.UserName!, WebAppFixture.Password);

        Assert.StartsWith("/account/login?error=disabled", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Single(await AuditOfAsync(user.Id, "login_failed"));
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Admin);
        var client = app.CreateClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user.UserName!, ["Password"] = WebAppFixture.Password });

        var response = await client.PostAsync("/account/login", form, Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AuditOfAsync(user.Id, "login"));
    }

    [Fact]
    public async Task Logout_SignedIn_ClearsCookieAndAuditsLogout()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Cataloguer);
        var client = app.CreateClient();
        await SignIn.PostAsync(client, user.UserName!, WebAppFixture.Password);
        var token = await SignIn.AntiforgeryTokenAsync(client, "/account/works-at");

        var response = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        var home = await client.GetAsync("/", Ct);
        Assert.StartsWith("/account/login", home.Headers.Location?.AbsolutePath ?? home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Single(await AuditOfAsync(user.Id, "logout"));
    }

    [Fact]
    public async Task Login_ChosenLibrary_IsWhereTheUserWorks()
    {
        var libraries = app.Services.GetRequiredService<LibraryAdmin>();
        var home = (await libraries.CreateAsync(Actor.System, new LibraryInput(MediaBib.Testing.Unique.Code("L"), "Maison", null, null, null, null, null, null), Ct)).Value;
        var desk = (await libraries.CreateAsync(Actor.System, new LibraryInput(MediaBib.Testing.Unique.Code("L"), "Annexe du Port", null, null, null, null, null, null), Ct)).Value;
        var user = await app.CreateStaffAsync(StaffRoles.Circulation, home);
        var client = app.CreateClient();

        await SignIn.PostAsync(client, user.UserName!, WebAppFixture.Password, desk);
        var page = await client.GetStringAsync("/", Ct);

        Assert.Contains("Annexe du Port", page, StringComparison.Ordinal);
        var login = Assert.Single(await AuditOfAsync(user.Id, "login"));
        Assert.Equal(desk, login.LibraryId);
    }

    private async Task<List<AuditEntry>> AuditOfAsync(Guid userId, string action)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.UserId == userId && a.Action == action).ToListAsync(Ct);
    }
}
