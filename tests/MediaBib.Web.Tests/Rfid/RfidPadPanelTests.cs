using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Rfid;
using MediaBib.Web.Components.Desk;
using MediaBib.Web.Desk;
using MediaBib.Web.Rfid;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Web.Tests.Rfid;

/// <summary>The desk's pad panel rendered by bUnit, fed by a real pad client through the app's hub.</summary>
public sealed class RfidPadPanelTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public RfidPadPanelTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<CirculationDesk>());
        Services.AddSingleton(app.Services.GetRequiredService<DeskQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<RfidPadAdmin>());
        Services.AddSingleton(app.Services.GetRequiredService<RfidPadRegistry>());
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<CheckoutSession>();
        Services.AddScoped<CheckinSession>();
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Panel_SetWithAPartMissing_WarnsWhichPartAndNeedsAPatronToCheckOut()
    {
        // Arrange: parts 1 and 3 of a 3-CD set on the pad.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1);
        var barcode = data.Items[0].Barcode.Value;
        var pad = await RfidPadTestPad.CreateAsync(_app, data.Library.Id);
        await using var client = await RfidPadTestPad.ConnectAsync(_app, pad.Key);
        await client.PlaceAsync(barcode, 1, 3, ct: Ct);
        await client.PlaceAsync(barcode, 3, 3, ct: Ct);
        SignIn(data);

        // Act
        var panel = Render<RfidPadPanel>(p => p.Add(x => x.Mode, RfidPadMode.Checkout));

        // Assert
        panel.WaitForAssertion(() =>
        {
            var warning = panel.Find($"[data-testid=rfid-incomplete][data-barcode='{barcode}']");
            Assert.Equal($"Lot incomplet : {data.Record.Title} ({barcode}), partie 2 sur 3 manquante", warning.TextContent.Trim());
            Assert.Contains("2 sur 3", panel.Find($"[data-testid=rfid-item][data-barcode='{barcode}']").TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.Equal("true", panel.Find("[data-testid=rfid-state]").GetAttribute("data-connected"));
        Assert.True(panel.Find("button[data-testid=rfid-all]").HasAttribute("disabled"));
        Assert.Contains("Emprunter tout", panel.Find("button[data-testid=rfid-all]").TextContent, StringComparison.Ordinal);

        // Act: the missing CD is put on the pad.
        await client.PlaceAsync(barcode, 2, 3, ct: Ct);

        // Assert
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=rfid-incomplete]")), Wait);
    }

    [Fact]
    public async Task EmprunterTout_TwoItemsOnThePad_BothLentThroughTheScanQueueAndTheirSecurityCleared()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 2);
        var pad = await RfidPadTestPad.CreateAsync(_app, data.Library.Id);
        await using var client = await RfidPadTestPad.ConnectAsync(_app, pad.Key);
        foreach (var item in data.Items)
        {
            await client.PlaceAsync(item.Barcode.Value, ct: Ct);
        }

        SignIn(data);
        var session = Services.GetRequiredService<CheckoutSession>();
        session.SelectPatron(await _app.Services.GetRequiredService<DeskQueries>().PatronAsync(data.Patron.Id, Ct));
        var panel = Render<RfidPadPanel>(p => p.Add(x => x.Mode, RfidPadMode.Checkout));
        // The rows come with the tags, their titles once read: wait for both.
        panel.WaitForAssertion(() =>
        {
            Assert.Equal(2, panel.FindAll("[data-testid=rfid-item]").Count);
            Assert.All(panel.FindAll("[data-testid=rfid-item]"), row => Assert.Contains(data.Record.Title, row.TextContent, StringComparison.Ordinal));
        }, Wait);

        // Act
        panel.Find("button[data-testid=rfid-all]").Click();

        // Assert: each row says lent with its due date, the pad's tags are unsecured, the lines are the session's.
        panel.WaitForAssertion(() => Assert.All(panel.FindAll("[data-testid=rfid-item]"), row =>
        {
            Assert.Equal("Done", row.GetAttribute("data-status"));
            Assert.Equal("off", row.GetAttribute("data-security"));
            Assert.Contains("Retour le", row.TextContent, StringComparison.Ordinal);
        }), Wait);
        await RfidPadTestPad.EventuallyAsync(() => client.Tags.All(t => !t.SecurityOn), "the pad cleared both tags");
        Assert.Equal(
            data.Items.Select(i => i.Barcode.Value).Order(StringComparer.Ordinal),
            session.Lines.Where(l => l.Status == ScanStatus.Done).Select(l => l.Barcode).Order(StringComparer.Ordinal));
        // Nothing left to lend on the pad: the button is off, and the items were sent once each.
        panel.WaitForAssertion(() => Assert.True(panel.Find("button[data-testid=rfid-all]").HasAttribute("disabled")), Wait);
        Assert.Equal(2, session.Lines.Count);
    }

    private void SignIn(DeskTestData data)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("desk-rfid");
        auth.SetRoles(StaffRoles.Circulation);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Circulation).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(StaffClaims.WorksAt, data.Library.Id.ToString("D", CultureInfo.InvariantCulture)));
    }
}
