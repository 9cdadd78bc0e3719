using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Web.Components.Desk;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The patron file's waivers, notes and history, rendered by bUnit over the real services and database.</summary>
public sealed class PatronFilePageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public PatronFilePageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<CirculationDesk>());
        Services.AddSingleton(app.Services.GetRequiredService<HoldService>());
        Services.AddSingleton(app.Services.GetRequiredService<FineService>());
        Services.AddSingleton(app.Services.GetRequiredService<DeskQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<NoticeLog>());
        Services.AddSingleton(app.Services.GetRequiredService<PatronRegistration>());
        Services.AddSingleton(app.Services.GetRequiredService<PatronHistoryQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<LiveEvents>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waive_PartOfAFineWithAReason_BalanceDropsAndTheWaiverIsAuditedAndInTheHistory()
    {
        // Arrange: a 10 € charge; an administrator (who holds FinesWaive) opens the file.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        var fine = (await _app.Services.GetRequiredService<FineService>().ChargeAsync(data.Actor, data.Patron.Id, 10m, "Carte perdue", Ct)).Value!;
        SignIn(data, StaffRoles.Admin);
        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));
        page.WaitForAssertion(() => Assert.Contains("reste dû : 10,00 €", page.Markup, StringComparison.Ordinal), Wait);

        // Act: waive 4 € without a reason (refused by the form), then with one.
        page.Find("button[data-testid=fine-waive]").Click();
        page.WaitForElement("[data-testid=waive-form] input", Wait).Change("4");
        page.Find("button[data-testid=waive-confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("Le motif de la remise est obligatoire.", page.Find("[data-testid=waive-form]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("input[data-testid=waive-reason]").Input("Geste commercial");
        page.Find("button[data-testid=waive-confirm]").Click();

        // Assert: 6 € left, the patron's balance follows, the audit entry keeps the reason, the history shows it.
        page.WaitForAssertion(() =>
        {
            Assert.Contains("reste dû : 6,00 €", page.Markup, StringComparison.Ordinal);
            Assert.Empty(page.FindAll("[data-testid=waive-form]"));
            var waived = page.Find("[data-testid=history-line][data-action=fine_waived]");
            Assert.Contains("Remise d'amende", waived.TextContent, StringComparison.Ordinal);
            Assert.Contains("Geste commercial", waived.TextContent, StringComparison.Ordinal);
        }, Wait);
        await using var db = _app.Database.CreateContext();
        Assert.Equal(6m, (await db.Patrons.SingleAsync(p => p.Id == data.Patron.Id, Ct)).Balance);
        var entry = await db.AuditEntries.SingleAsync(a => a.ObjectId == fine.FineId && a.Action == "fine_waived", Ct);
        Assert.Contains("Geste commercial", entry.Message, StringComparison.Ordinal);
        Assert.Equal("desk-Admin", entry.Actor);
        var waiverEvents = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = 'fine.paid' AND payload::text LIKE {"%" + fine.FineId + "%"} AND payload::text LIKE '%Waiver%'").SingleAsync(Ct);
        Assert.Equal(1, waiverEvents);
    }

    [Fact]
    public async Task Waive_CirculationStaffWithoutThePermission_SeeNoWaiveButton()
    {
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        await _app.Services.GetRequiredService<FineService>().ChargeAsync(data.Actor, data.Patron.Id, 3m, "Retard", Ct);
        SignIn(data, StaffRoles.Circulation);

        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=fine-line]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=fine-waive]"));
    }

    [Fact]
    public async Task Notes_EditedAndSaved_StoredAuditedWithOldAndNewTextAndShown()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        SignIn(data, StaffRoles.Circulation);
        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));
        page.WaitForAssertion(() => Assert.Contains("Aucune note.", page.Find("[data-testid=notes-text]").TextContent, StringComparison.Ordinal), Wait);

        // Act
        page.Find("button[data-testid=notes-edit]").Click();
        page.WaitForElement("textarea[data-testid=notes-field]", Wait).Input("Préfère être appelée le matin.");
        page.Find("button[data-testid=notes-save]").Click();

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Préfère être appelée le matin.", page.Find("[data-testid=notes-text]").TextContent, StringComparison.Ordinal);
            var update = page.Find("[data-testid=history-line][data-action=update]");
            Assert.Contains("Lecteur", update.TextContent, StringComparison.Ordinal);
            Assert.Contains("Notes", update.TextContent, StringComparison.Ordinal);
        }, Wait);
        await using var db = _app.Database.CreateContext();
        Assert.Equal("Préfère être appelée le matin.", (await db.Patrons.SingleAsync(p => p.Id == data.Patron.Id, Ct)).Notes);
        var entry = await db.AuditEntries.SingleAsync(a => a.ObjectId == data.Patron.Id && a.Action == "update", Ct);
        Assert.Equal(["Notes"], entry.ChangedFields);
        Assert.Contains("Préfère être appelée le matin.", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_MoreEntriesThanAPage_PagesThroughLoansAndFinesNewestFirst()
    {
        // Arrange: 25 charges give 25 fine_created entries (each carrying the new fine's values) about this patron, more
        // than a page of 20; another patron's fine must not show.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        var fines = _app.Services.GetRequiredService<FineService>();
        for (var i = 0; i < 25; i++)
        {
            await fines.ChargeAsync(data.Actor, data.Patron.Id, 1m, $"Frais {i:D2}", Ct);
        }

        await fines.ChargeAsync(data.Actor, other.Id, 1m, "Frais de Jean", Ct);
        var expected = await _app.Services.GetRequiredService<PatronHistoryQueries>().PageAsync(data.Patron.Id, 0, 200, Ct);
        SignIn(data, StaffRoles.Circulation);
        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=history-line]").Count), Wait);
        var pages = (expected.Total + 19) / 20;

        // Act
        page.Find("button[data-testid=history-next]").Click();

        // Assert
        Assert.True(expected.Total >= 26, $"{expected.Total} entries");
        Assert.DoesNotContain(expected.Lines, l => l.ObjectLabel?.Contains("Jean", StringComparison.Ordinal) == true);
        Assert.True(expected.Lines.Zip(expected.Lines.Skip(1)).All(p => p.First.OccurredAt >= p.Second.OccurredAt));
        page.WaitForAssertion(() =>
        {
            Assert.Equal($"Page 2 sur {pages}", page.Find("[data-testid=history-page]").TextContent.Trim());
            Assert.Equal(Math.Min(20, expected.Total - 20), page.FindAll("[data-testid=history-line]").Count);
        }, Wait);
    }

    private void SignIn(DeskTestData data, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("desk-" + role);
        auth.SetRoles(role);
        auth.SetPolicies([.. RolePermissions.Of(role).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(StaffClaims.WorksAt, data.Library.Id.ToString("D", CultureInfo.InvariantCulture)));
    }
}
