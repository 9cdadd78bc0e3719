using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Identity;
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
        Services.AddSingleton(app.Services.GetRequiredService<PatronRegistration>());
        Services.AddSingleton(app.Services.GetRequiredService<ItemLookupQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<LiveEvents>());
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
