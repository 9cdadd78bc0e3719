using System.Text.Json;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Notifications;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Tests.Opac;

/// <summary>The patron's account pages, server-rendered, acting through the same engine as the desk.</summary>
public sealed class PatronAccountTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_ShowsLoansWithFrenchDatesOverdueFlagFinesAndSuspension()
    {
        var data = await PatronTestData.CreateAsync(app);
        await data.LendAsync(data.Patron, 0);
        var suspendedUntil = new DateOnly(2031, 12, 3);
        await using (var db = app.Database.CreateContext())
        {
            var late = new Loan(data.Titles[1].Item.Id, data.Patron.Id, data.Library.Id, new DateTime(2026, 1, 2, 10, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 1, 23, 22, 59, 59, DateTimeKind.Utc));
            db.Loans.Add(late);
            db.Fines.Add(new Fine(data.Patron.Id, FineKind.Damage, 1234.50m, "Dégât des eaux"));
            var patron = await db.Patrons.SingleAsync(p => p.Id == data.Patron.Id, Ct);
            patron.SuspendUntil(suspendedUntil);
            await db.SaveChangesAsync(Ct);
        }

        using var client = await data.SignedInClientAsync();
        var html = await PatronTestData.GetPageAsync(client, "/opac/compte");

        Assert.Contains("Mes prêts (2)", html, StringComparison.Ordinal);
        Assert.Contains(data.Titles[0].Record.Title, html, StringComparison.Ordinal);
        Assert.Matches("23 janvier 2026\\s*<strong class=\"opac-overdue-flag\">\\s*— En retard</strong>", html);
        Assert.Contains("class=\"opac-overdue\"", html, StringComparison.Ordinal);
        Assert.Contains("Vos emprunts sont suspendus jusqu'au 3 décembre 2031.", html, StringComparison.Ordinal);
        Assert.Contains("Document abîmé — Dégât des eaux", html, StringComparison.Ordinal);
        Assert.Contains("Vous devez 1 234,50 € à la bibliothèque.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--Blazor:{", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_TitleHeldByAnotherPatron_IsRefusedWithTheEnginesFrenchReason()
    {
        var data = await PatronTestData.CreateAsync(app);
        var held = await data.LendAsync(data.Patron, 0);
        var free = await data.LendAsync(data.Patron, 1);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        await data.HoldAsync(other, 0);
        using var client = await data.SignedInClientAsync();

        var refused = await PatronTestData.PostFormAsync(client, "/opac/compte", "renew", new() { ["renew"] = held.ToString() });
        var all = await PatronTestData.PostFormAsync(client, "/opac/compte", "renew", new() { ["renew"] = "all" });

        Assert.Contains($"« {data.Titles[0].Record.Title} » n'a pas pu être prolongé : {RefusalMessages.French(RefusalReason.LoanRenewalOnHold)}",
            refused, StringComparison.Ordinal);
        Assert.Contains($"« {data.Titles[1].Record.Title} » est prolongé jusqu'au", all, StringComparison.Ordinal);
        Assert.Contains("Prolongation impossible : ce document est réservé par un autre lecteur.", all, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Loans.Where(l => l.Id == free).Select(l => l.RenewalCount).SingleAsync(Ct));
        Assert.Equal(0, await db.Loans.Where(l => l.Id == held).Select(l => l.RenewalCount).SingleAsync(Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == free && a.Action == "renewal" && a.ActorKind == "patron", Ct));
    }

    [Fact]
    public async Task Renew_SomeoneElsesLoanId_IsRefusedAsUnknown()
    {
        var data = await PatronTestData.CreateAsync(app);
        await data.LendAsync(data.Patron, 1);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        var theirs = await data.LendAsync(other, 0);
        using var client = await data.SignedInClientAsync();

        var html = await PatronTestData.PostFormAsync(client, "/opac/compte", "renew", new() { ["renew"] = theirs.ToString() });

        Assert.Contains(RefusalMessages.French(RefusalReason.LoanUnknown), html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Loans.Where(l => l.Id == theirs).Select(l => l.RenewalCount).SingleAsync(Ct));
    }

    [Fact]
    public async Task Hold_PlacedFromTheRecordPage_ShowsInTheAccount_ThenSuspendedResumedAndCancelled()
    {
        var data = await PatronTestData.CreateAsync(app);
        var (record, _) = data.Titles[0];
        var first = await data.AddPatronAsync("Jean", "Valjean");
        await data.HoldAsync(first, 0);
        using var client = await data.SignedInClientAsync();

        var recordPage = await PatronTestData.GetPageAsync(client, $"/opac/notice/{record.Id}");
        Assert.Contains("Bibliothèque de retrait", recordPage, StringComparison.Ordinal);
        var placed = await PatronTestData.PostFormAsync(client, $"/opac/notice/{record.Id}", "hold", new() { ["pickup"] = data.Library.Id.ToString() });
        Assert.Contains("Réservation enregistrée : vous êtes n° 2 dans la file d'attente.", placed, StringComparison.Ordinal);

        var account = await PatronTestData.GetPageAsync(client, "/opac/compte");
        Assert.Contains("Mes réservations (1)", account, StringComparison.Ordinal);
        Assert.Contains("En attente : n° 2 dans la file", account, StringComparison.Ordinal);
        Assert.Contains(data.Library.Name, account, StringComparison.Ordinal);

        await using var db = app.Database.CreateContext();
        var hold = await db.Holds.AsNoTracking().SingleAsync(h => h.PatronId == data.Patron.Id, Ct);
        var form = "hold-" + hold.Id.ToString("N");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        var suspended = await PatronTestData.PostFormAsync(client, "/opac/compte", form, new()
        {
            ["holdId"] = hold.Id.ToString(), ["holdAction"] = "suspend", ["suspendUntil"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("est suspendue jusqu'au", suspended, StringComparison.Ordinal);
        Assert.Contains("Suspendue jusqu'au", suspended, StringComparison.Ordinal);
        Assert.Equal(until, await db.Holds.Where(h => h.Id == hold.Id).Select(h => h.SuspendedUntil).SingleAsync(Ct));

        var resumed = await PatronTestData.PostFormAsync(client, "/opac/compte", form, new() { ["holdId"] = hold.Id.ToString(), ["holdAction"] = "resume" });
        Assert.Contains("est réactivée", resumed, StringComparison.Ordinal);

        var cancelled = await PatronTestData.PostFormAsync(client, "/opac/compte", form, new() { ["holdId"] = hold.Id.ToString(), ["holdAction"] = "cancel" });
        Assert.Contains($"La réservation de « {record.Title} » est annulée.", cancelled, StringComparison.Ordinal);
        Assert.Contains("Mes réservations (0)", cancelled, StringComparison.Ordinal);
        Assert.Equal(HoldStatus.Cancelled, await db.Holds.Where(h => h.Id == hold.Id).Select(h => h.Status).SingleAsync(Ct));
        var audit = await db.AuditEntries.Where(a => a.ObjectId == hold.Id).Select(a => new { a.Action, a.ActorKind, a.Actor }).ToListAsync(Ct);
        Assert.Contains(audit, a => a.Action == "hold_placed" && a.ActorKind == "patron" && a.Actor == data.Patron.CardNumber.Value);
        Assert.Contains(audit, a => a.Action == "hold_cancelled" && a.ActorKind == "patron");
    }

    [Fact]
    public async Task Hold_RecordPageWhenSignedOut_OffersTheSignInWithReturnToTheRecord()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = app.CreateClient();

        var html = await PatronTestData.GetPageAsync(client, $"/opac/notice/{data.Titles[0].Record.Id}");

        Assert.Contains($"href=\"/opac/connexion?returnUrl=%2Fopac%2Fnotice%2F{data.Titles[0].Record.Id:D}\"", html, StringComparison.Ordinal);
        Assert.Contains("Connectez-vous pour réserver ce document", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hold_AlreadyBorrowedTitle_IsRefusedWithTheEnginesReason()
    {
        var data = await PatronTestData.CreateAsync(app);
        await data.LendAsync(data.Patron, 0);
        using var client = await data.SignedInClientAsync();

        var html = await PatronTestData.PostFormAsync(client, $"/opac/notice/{data.Titles[0].Record.Id}", "hold",
            new() { ["pickup"] = data.Library.Id.ToString() });

        Assert.Contains("La réservation n'a pas pu être enregistrée :", html, StringComparison.Ordinal);
        Assert.Contains(RefusalMessages.French(RefusalReason.HoldAlreadyOnLoan), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OptInShowsReturnedLoans_OptOutHidesThemAndExplainsTheAnonymisation()
    {
        var data = await PatronTestData.CreateAsync(app);
        await using (var db = app.Database.CreateContext())
        {
            var loan = new Loan(data.Titles[1].Item.Id, data.Patron.Id, data.Library.Id, DateTime.UtcNow.AddDays(-30), DateTime.UtcNow.AddDays(-9));
            loan.Return(DateTime.UtcNow.AddDays(-10), data.Library.Id);
            db.Loans.Add(loan);
            await db.SaveChangesAsync(Ct);
        }

        using var client = await data.SignedInClientAsync();
        var before = await PatronTestData.GetPageAsync(client, "/opac/compte/historique");
        Assert.Contains("Vous n'avez pas choisi de garder votre historique de lecture.", before, StringComparison.Ordinal);
        Assert.Contains("4 mois après leur retour", before, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Titles[1].Record.Title, before, StringComparison.Ordinal);

        var optedIn = await PatronTestData.PostFormAsync(client, "/opac/compte/historique", "history", new() { ["keep"] = "true" });
        Assert.Contains("Votre historique de lecture est conservé.", optedIn, StringComparison.Ordinal);
        Assert.Contains(data.Titles[1].Record.Title, optedIn, StringComparison.Ordinal);
        Assert.Contains("seront anonymisés lors du prochain traitement de nuit", optedIn, StringComparison.Ordinal);

        var optedOut = await PatronTestData.PostFormAsync(client, "/opac/compte/historique", "history", new() { ["keep"] = "false" });
        Assert.Contains("Votre historique de lecture n'est plus conservé.", optedOut, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Titles[1].Record.Title, optedOut, StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        var changes = await check.AuditEntries.Where(a => a.ObjectId == data.Patron.Id && a.Action == "update" && a.ActorKind == "patron")
            .Select(a => a.ChangedFields).ToListAsync(Ct);
        Assert.Equal(2, changes.Count(c => c.Contains("KeepReadingHistory")));
    }

    [Fact]
    public async Task NoticeChannel_Chosen_IsStoredAndPutsThatChannelFirst()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = await data.SignedInClientAsync();

        var page = await PatronTestData.GetPageAsync(client, "/opac/compte/avis");
        Assert.Contains("Par SMS (06 12 34 56 78)", page, StringComparison.Ordinal);
        var saved = await PatronTestData.PostFormAsync(client, "/opac/compte/avis", "channel", new() { ["channel"] = "sms" });

        Assert.Contains("Votre choix est enregistré.", saved, StringComparison.Ordinal);
        Assert.Matches("id=\"canal-sms\"[^>]*checked", saved);
        await using var db = app.Database.CreateContext();
        var patron = await db.Patrons.AsNoTracking().SingleAsync(p => p.Id == data.Patron.Id, Ct);
        Assert.Equal(NoticeChannel.Sms, patron.PreferredNoticeChannel);
        Assert.Equal([NoticeChannel.Sms, NoticeChannel.Email, NoticeChannel.Letter],
            NoticeChannelPreference.Apply([NoticeChannel.Email, NoticeChannel.Sms, NoticeChannel.Letter], patron.PreferredNoticeChannel));
    }

    [Fact]
    public async Task PersonalData_ExportHoldsEverythingAboutThePatronAndIsAudited()
    {
        var data = await PatronTestData.CreateAsync(app);
        var loanId = await data.LendAsync(data.Patron, 0);
        var holdId = await data.HoldAsync(data.Patron, 1);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        await using (var db = app.Database.CreateContext())
        {
            db.Fines.Add(new Fine(data.Patron.Id, FineKind.Manual, 3.5m, "Carte perdue"));
            db.Notices.Add(new Notice(data.Patron.Id, data.Library.Id, NoticeKind.HoldReady, 0, [NoticeChannel.Email], "hold_ready", [],
                "test:" + Guid.NewGuid().ToString("N"), DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        using var client = await data.SignedInClientAsync();
        var page = await PatronTestData.GetPageAsync(client, "/opac/compte/donnees");
        Assert.Contains("elise.martin@example.org", page, StringComparison.Ordinal);
        var token = await SignIn.AntiforgeryTokenAsync(client, "/opac/compte/donnees");
        var response = await client.PostAsync("/opac/compte/donnees/export",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("mes-donnees-bibliotheque-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(data.Patron.CardNumber.Value, json.GetProperty("identity").GetProperty("cardNumber").GetString());
        Assert.Equal("Martin", json.GetProperty("identity").GetProperty("lastName").GetString());
        Assert.Equal("elise.martin@example.org", json.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("Rennes", json.GetProperty("contact").GetProperty("address").GetProperty("city").GetString());
        Assert.Equal(loanId, Assert.Single(json.GetProperty("loans").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(holdId, Assert.Single(json.GetProperty("holds").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("Carte perdue", Assert.Single(json.GetProperty("fines").EnumerateArray()).GetProperty("description").GetString());
        Assert.Equal("hold-ready", Assert.Single(json.GetProperty("notices").EnumerateArray()).GetProperty("kind").GetString());
        var actions = json.GetProperty("auditEntries").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("checkout", actions);
        Assert.Contains("hold_placed", actions);
        Assert.Contains("login", actions);
        Assert.DoesNotContain(other.CardNumber.Value, json.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", json.ToString(), StringComparison.Ordinal); // no password hash
        Assert.DoesNotContain(PatronTestData.Desk.Name, json.ToString(), StringComparison.Ordinal); // staff are not named
        await using var check = app.Database.CreateContext();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.ObjectId == data.Patron.Id && a.Action == "gdpr_export" && a.ActorKind == "patron", Ct));
    }

    [Fact]
    public async Task Password_ChangedWithTheCurrentOne_WorksForTheNextSignInAndEndsOtherSessions()
    {
        var data = await PatronTestData.CreateAsync(app);
        using var client = await data.SignedInClientAsync();
        using var otherBrowser = await data.SignedInClientAsync();
        const string newPassword = "nouveau-secret-2026";

        var wrong = await PatronTestData.PostFormAsync(client, "/opac/compte/mot-de-passe", "password",
            new() { ["current"] = "pas le bon", ["new"] = newPassword, ["confirm"] = newPassword });
        var tooShort = await PatronTestData.PostFormAsync(client, "/opac/compte/mot-de-passe", "password",
            new() { ["current"] = PatronTestData.Password, ["new"] = "court", ["confirm"] = "court" });
        var changed = await PatronTestData.PostFormAsync(client, "/opac/compte/mot-de-passe", "password",
            new() { ["current"] = PatronTestData.Password, ["new"] = newPassword, ["confirm"] = newPassword });

        Assert.Contains("Le mot de passe actuel est incorrect.", wrong, StringComparison.Ordinal);
        Assert.Contains("au moins 8 caractères", tooShort, StringComparison.Ordinal);
        Assert.Contains("Votre mot de passe est changé.", changed, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/opac/compte", Ct)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/opac/compte", Ct)).StatusCode);
        using var fresh = app.CreateClient();
        var oldPassword = await PatronTestData.SignInAsync(fresh, data.Patron.CardNumber.Value, PatronTestData.Password);
        var newOne = await PatronTestData.SignInAsync(fresh, data.Patron.CardNumber.Value, newPassword);
        Assert.Contains("error=invalid", oldPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/opac/compte", newOne.Headers.Location?.OriginalString);
    }
}
