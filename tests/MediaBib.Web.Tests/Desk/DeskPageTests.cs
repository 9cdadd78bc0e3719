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
using MediaBib.Web.Desk;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The desk pages rendered by bUnit over the real engine and database (only the browser is missing).</summary>
public sealed class DeskPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public DeskPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<CirculationDesk>());
        Services.AddSingleton(app.Services.GetRequiredService<HoldService>());
        Services.AddSingleton(app.Services.GetRequiredService<FineService>());
        Services.AddSingleton(app.Services.GetRequiredService<DeskQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<NoticeLog>());
        Services.AddSingleton(app.Services.GetRequiredService<PatronRegistration>());
        Services.AddSingleton(app.Services.GetRequiredService<ItemLookupQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<HoldShelfQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<PatronHistoryQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<LiveEvents>());
        Services.AddSingleton(app.Services.GetRequiredService<MediaBib.Infrastructure.Rfid.RfidPadAdmin>());
        Services.AddSingleton(app.Services.GetRequiredService<MediaBib.Web.Rfid.RfidPadRegistry>());
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<CheckoutSession>();
        Services.AddScoped<CheckinSession>();
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    [Fact]
    public async Task Checkin_ScanOfALentItem_SaysPutItBackOnTheShelf()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var barcode = data.Items[0].Barcode.Value;
        Assert.True((await _app.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), barcode, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(data, StaffRoles.Circulation);
        var page = Render<CheckinPage>();

        // Act
        var field = page.FindComponent<ScanField>();
        await page.InvokeAsync(() => field.Instance.OnScanned(" " + barcode + " "));

        // Assert
        page.WaitForAssertion(() =>
        {
            var line = page.Find($"[data-testid=checkin-line][data-barcode='{barcode}']");
            Assert.Equal("Done", line.GetAttribute("data-status"));
            Assert.Contains("Ranger en rayon", line.TextContent, StringComparison.Ordinal);
            Assert.Contains(data.Record.Title, line.TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Theory]
    [InlineData(StaffRoles.Admin, true)]
    [InlineData(StaffRoles.Circulation, false)]
    public async Task Checkout_RefusedScan_ShowsTheFrenchReasonAndTheOverrideOnlyWithPermission(string role, bool offersOverride)
    {
        // Arrange: an expired card.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var expired = await data.AddPatronAsync("Jean", "Valjean", new DateOnly(2020, 1, 1));
        var barcode = data.Items[0].Barcode.Value;
        SignIn(data, role);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("patron", expired.Id.ToString()));
        var page = Render<CheckoutPage>();
        page.WaitForAssertion(() => Assert.Contains("VALJEAN Jean", page.Find("[data-testid=checkout-patron]").TextContent, StringComparison.Ordinal), Wait);

        // Act
        var field = page.FindComponent<ScanField>();
        await page.InvokeAsync(() => field.Instance.OnScanned(barcode));

        // Assert
        page.WaitForAssertion(() =>
        {
            var line = page.Find($"[data-testid=checkout-line][data-barcode='{barcode}']");
            Assert.Equal("Refused", line.GetAttribute("data-status"));
            Assert.Contains("L'abonnement du lecteur a expiré.", line.TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.Equal(offersOverride, page.FindAll("[data-testid=override-form]").Count == 1);
    }

    [Fact]
    public async Task PatronFile_LoanMadeElsewhere_AppearsWithoutReload()
    {
        // Arrange: the file is open with no loan.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        SignIn(data, StaffRoles.Circulation);
        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));
        page.WaitForAssertion(() => Assert.Contains("Prêts en cours (0)", page.Markup, StringComparison.Ordinal), Wait);

        // Act: another desk lends an item to this patron; the committed event reaches the page through the outbox.
        Assert.True((await _app.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), data.Items[0].Barcode.Value, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Prêts en cours (1)", page.Markup, StringComparison.Ordinal);
            Assert.Contains(data.Items[0].Barcode.Value, page.Find("[data-testid=patron-loans]").TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task PatronFile_NoticesSentAndFailed_ListsTheNotificationLogWithChannelStatusAndAttempts()
    {
        // Arrange: a sent overdue reminder (level 2, email) and a letter that failed after 3 attempts.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        await using (var db = _app.Database.CreateContext())
        {
            var now = DateTime.UtcNow;
            var item = new Domain.Notifications.NoticeItem(Guid.CreateVersion7(), "B1", "Nana", null, now, null);
            var sent = new Domain.Notifications.Notice(data.Patron.Id, data.Library.Id, Domain.Notifications.NoticeKind.OverdueReminder, 2,
                [Domain.Notifications.NoticeChannel.Email], "overdue-2", [item], $"test:{Guid.NewGuid():N}", now);
            sent.Claim(now, TimeSpan.FromMinutes(5));
            sent.RecordContent("lecteur@example.fr", "Documents en retard (2e rappel)", "…");
            sent.RecordAttempts(1, null);
            sent.MarkSent(now, "notice-1@mediabib");
            var failed = new Domain.Notifications.Notice(data.Patron.Id, data.Library.Id, Domain.Notifications.NoticeKind.CardExpiry, 0,
                [Domain.Notifications.NoticeChannel.Letter], "card-expiry", [], $"test:{Guid.NewGuid():N}", now);
            failed.Claim(now, TimeSpan.FromMinutes(5));
            failed.RecordAttempts(3, "Pas d'adresse");
            failed.GiveUp(now, bounced: false);
            db.Notices.AddRange(sent, failed);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        SignIn(data, StaffRoles.Circulation);

        // Act
        var page = Render<PatronFilePage>(p => p.Add(x => x.Id, data.Patron.Id));

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Avis envoyés (2)", page.Markup, StringComparison.Ordinal);
            var lines = page.FindAll("[data-testid=notice-line]");
            Assert.Equal(2, lines.Count);
            var sentLine = Assert.Single(lines, l => l.GetAttribute("data-status") == "Sent");
            Assert.Contains("Relance de retard n° 2 — Documents en retard (2e rappel)", sentLine.TextContent, StringComparison.Ordinal);
            Assert.Contains("Courriel (lecteur@example.fr)", sentLine.TextContent, StringComparison.Ordinal);
            Assert.Contains("Envoyé", sentLine.TextContent, StringComparison.Ordinal);
            var failedLine = Assert.Single(lines, l => l.GetAttribute("data-status") == "Failed");
            Assert.Contains("Expiration de la carte", failedLine.TextContent, StringComparison.Ordinal);
            Assert.Contains("Courrier", failedLine.TextContent, StringComparison.Ordinal);
            Assert.Equal("3", failedLine.QuerySelectorAll("td")[4].TextContent.Trim());
        }, Wait);
    }

    [Fact]
    public async Task Holds_PlaceForAPatronThenMoveUp_QueueFollows()
    {
        // Arrange: Élise already holds the title; the page is open on the record's queue.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        Assert.True((await _app.Services.GetRequiredService<HoldService>()
            .PlaceAsync(data.Actor, data.Patron.Id, data.Record.Id, data.Library.Id, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(data, StaffRoles.Circulation);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("record", data.Record.Id.ToString()));
        var page = Render<HoldsPage>();
        page.WaitForAssertion(() => Assert.Contains("MARTIN Élise", page.Find("[data-testid=record-queue]").TextContent, StringComparison.Ordinal), Wait);

        // Act: scan Jean's card, place the hold, then move him up the queue.
        var field = page.FindComponents<ScanField>().Single(f => f.Instance.TestId == "hold-patron-field");
        await page.InvokeAsync(() => field.Instance.OnScanned(jean.CardNumber.Value));
        page.WaitForAssertion(() => Assert.Contains("VALJEAN Jean", page.Find("[data-testid=hold-patron]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("button[data-testid=hold-place]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=queue-line]").Count), Wait);
        Assert.Contains("VALJEAN Jean", page.FindAll("[data-testid=queue-line]")[1].TextContent, StringComparison.Ordinal);
        page.Find("button[aria-label='Avancer VALJEAN Jean dans la file']").Click();

        // Assert
        page.WaitForAssertion(() =>
        {
            var lines = page.FindAll("[data-testid=queue-line]");
            Assert.Contains("VALJEAN Jean", lines[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("MARTIN Élise", lines[1].TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Checkin_ItemTrappedForAHold_OffersTheHoldSlip()
    {
        // Arrange: Jean holds the title for pickup here.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        Assert.True((await _app.Services.GetRequiredService<HoldService>()
            .PlaceAsync(data.Actor, jean.Id, data.Record.Id, data.Library.Id, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(data, StaffRoles.Circulation);
        var checkin = Render<CheckinPage>();

        // Act
        var field = checkin.FindComponent<ScanField>();
        await checkin.InvokeAsync(() => field.Instance.OnScanned(data.Items[0].Barcode.Value));
        checkin.WaitForAssertion(() => Assert.Equal($"/desk/slip/{data.Items[0].Id}", checkin.Find("[data-testid=checkin-slip]").GetAttribute("href")), Wait);
        var slip = Render<SlipPage>(p => p.Add(x => x.Id, data.Items[0].Id));

        // Assert
        slip.WaitForAssertion(() =>
        {
            var section = slip.Find("[data-testid=slip]");
            Assert.Equal("hold", section.GetAttribute("data-kind"));
            Assert.Contains("VALJEAN Jean", section.TextContent, StringComparison.Ordinal);
            Assert.Contains(data.Library.Name, section.TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Holds_ItemTrappedAtAnotherDesk_AppearsOnTheHoldShelfWithoutReload()
    {
        // Arrange: Jean holds the title for pickup here; the hold shelf page is open and empty.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        Assert.True((await _app.Services.GetRequiredService<HoldService>()
            .PlaceAsync(data.Actor, jean.Id, data.Record.Id, data.Library.Id, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(data, StaffRoles.Circulation);
        var page = Render<HoldsPage>();
        page.WaitForAssertion(() => Assert.Contains("Étagère des réservations (0)", page.Markup, StringComparison.Ordinal), Wait);

        // Act: another desk checks the item in; the committed hold.waiting event reaches the page.
        Assert.True((await _app.Services.GetRequiredService<CirculationDesk>()
            .CheckInAsync(data.Actor, data.Library.Id, data.Items[0].Barcode.Value, Xunit.TestContext.Current.CancellationToken)).Succeeded);

        // Assert
        page.WaitForAssertion(() =>
        {
            var line = page.Find("[data-testid=shelf-line]");
            Assert.Contains("VALJEAN Jean", line.TextContent, StringComparison.Ordinal);
            Assert.Equal("Open", line.GetAttribute("data-state"));
        }, Wait);
    }

    [Fact]
    public async Task ScanField_Scanned_PassesTheTrimmedBarcodeAndIgnoresBlanks()
    {
        var scanned = new List<string>();
        var field = Render<ScanField>(p => p
            .Add(x => x.Label, "Code-barres du document")
            .Add(x => x.OnScan, (string code) => scanned.Add(code)));

        await field.InvokeAsync(() => field.Instance.OnScanned("  B123 "));
        await field.InvokeAsync(() => field.Instance.OnScanned("   "));

        Assert.Equal(["B123"], scanned);
        Assert.Equal("Code-barres du document", field.Find("label").TextContent);
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
