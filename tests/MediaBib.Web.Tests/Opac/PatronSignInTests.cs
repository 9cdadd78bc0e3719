using System.Net;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Tests.Opac;

/// <summary>Patron sign-in on the OPAC: a cookie scheme of its own, lockout, rate limit, sign-out.</summary>
public sealed class PatronSignInTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_RightCardAndPassword_OpensTheAccountAndIsAudited()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var response = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value.ToLowerInvariant(), PatronTestData.Password);

        Assert.Equal("/opac/compte", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MediaBib.Opac=", StringComparison.Ordinal));
        Assert.Contains("path=/opac", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await PatronTestData.GetPageAsync(client, "/opac/compte");
        Assert.Contains("Bonjour Élise", html, StringComparison.Ordinal);
        Assert.Contains("Se déconnecter", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == data.Patron.Id && a.Action == "login" && a.ActorKind == "patron"
            && a.Actor == data.Patron.CardNumber.Value, Ct));
    }

    [Fact]
    public async Task Account_NotSignedIn_RedirectsToThePatronSignInNotTheStaffOne()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/opac/compte/historique", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/opac/connexion?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_StaffSessionOnly_DoesNotOpenAPatronAccount()
    {
        using var staff = await app.SignedInClientAsync(MediaBib.Domain.Staff.StaffRoles.Admin);

        var response = await staff.GetAsync("/opac/compte", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/opac/connexion", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoInFrenchAndCountsTheFailure()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var response = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, "pas le bon", "/opac/compte/avis");

        Assert.Equal("/opac/connexion?error=invalid&returnUrl=%2Fopac%2Fcompte%2Favis", response.Headers.Location?.OriginalString);
        var html = await PatronTestData.GetPageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Numéro de carte ou mot de passe incorrect.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/opac/compte", Ct)).StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Patrons.Where(p => p.Id == data.Patron.Id).Select(p => p.OpacFailedLogins).SingleAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == data.Patron.Id && a.Action == "login_failed", Ct));
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountEvenForTheRightPassword()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = app.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            var failed = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, "faux " + i);
            Assert.Contains("error=invalid", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var fifth = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, "faux 5");
        var right = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, PatronTestData.Password);

        Assert.Contains("error=locked", fifth.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var html = await PatronTestData.GetPageAsync(client, right.Headers.Location.OriginalString);
        Assert.Contains("verrouillé pendant 30 minutes", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownCard_IsRefusedLikeAWrongPassword()
    {
        using var client = app.CreateClient();

        var response = await PatronTestData.SignInAsync(client, "CINCONNU99", "peu importe");

        Assert.StartsWith("/opac/connexion?error=invalid", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheRateLimit_AreTurnedAwayBeforeCheckingThePasswordOnEveryDoor()
    {
        var data = await PatronTestData.CreateAsync(app);
        await using var limited = app.Factory.WithWebHostBuilder(b => b.UseSetting("Security:SignInPermitsPerMinute", "2"));
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, "faux 1");
        await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, "faux 2");
        var third = await PatronTestData.SignInAsync(client, data.Patron.CardNumber.Value, PatronTestData.Password);
        var api = await client.PostAsync("/api/v1/opac/token", System.Net.Http.Json.JsonContent.Create(
            new { card_number = data.Patron.CardNumber.Value, password = PatronTestData.Password }), Ct);
        var staff = await SignIn.PostAsync(client, "admin", "peu importe");

        Assert.Equal("/opac/connexion?error=rate", third.Headers.Location?.OriginalString);
        Assert.Equal("/account/login?error=rate", staff.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Contains("auth.rate_limited", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(2, await db.Patrons.Where(p => p.Id == data.Patron.Id).Select(p => p.OpacFailedLogins).SingleAsync(Ct));
    }

    [Fact]
    public async Task SignOut_ClearsThePatronCookie()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = await data.SignedInClientAsync();
        var token = await SignIn.AntiforgeryTokenAsync(client, "/opac/compte");

        var response = await client.PostAsync("/opac/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), Ct);

        Assert.Equal("/opac/connexion?signedOut=1", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/opac/compte", Ct)).StatusCode);
    }
}
