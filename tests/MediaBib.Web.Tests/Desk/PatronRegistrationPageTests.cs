using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using MediaBib.Web.Components.Desk;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The registration form over the real service and database: French validation and the duplicate warning.</summary>
public sealed class PatronRegistrationPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public PatronRegistrationPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<PatronRegistration>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    [Fact]
    public async Task Submit_EmptyNamesAndImpossibleDate_ShowsFrenchMessagesUnderTheFields()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        SignIn(data);
        var page = Render<PatronNewPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=patron-birth-date]")), Wait);

        // Act
        page.Find("input[data-testid=patron-birth-date]").Change("31/02/1990");
        await page.Find("[data-testid=patron-form]").SubmitAsync();

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Ce champ est obligatoire", Field(page, "patron-last-name"), StringComparison.Ordinal);
            Assert.Contains("Ce champ est obligatoire", Field(page, "patron-first-name"), StringComparison.Ordinal);
            Assert.Contains("Format invalide", Field(page, "patron-birth-date"), StringComparison.Ordinal);
            Assert.DoesNotContain("obligatoire", Field(page, "patron-card"), StringComparison.Ordinal);
            Assert.Contains("Corrigez les champs signalés.", page.Markup, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Submit_SameNameAndBirthDateAsAnotherPatron_WarnsThenRegistersWhenConfirmed()
    {
        // Arrange: a patron "Hélène Dupré…" born 04/05/1980 already registered.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        var lastName = "Dupré" + Unique.Code("X").ToLowerInvariant();
        var existing = await _app.Services.GetRequiredService<PatronRegistration>().RegisterAsync(data.Actor,
            new PatronInput(null, data.Category.Id, data.Library.Id, "Hélène", lastName, new DateOnly(1980, 5, 4), null, null, null, null, null, true),
            ct: Xunit.TestContext.Current.CancellationToken);
        SignIn(data);
        var page = Render<PatronNewPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=patron-birth-date]")), Wait);

        // Act: the same person typed without accents.
        page.Find("input[data-testid=patron-last-name]").Change(lastName.ToUpperInvariant().Replace("É", "E", StringComparison.Ordinal));
        page.Find("input[data-testid=patron-first-name]").Change("helene");
        page.Find("input[data-testid=patron-birth-date]").Change("04/05/1980");
        await page.Find("[data-testid=patron-form]").SubmitAsync();

        // Assert: the warning names the existing patron; confirming registers the new one.
        page.WaitForAssertion(() => Assert.Contains(existing.Value.ToString(), page.Find("[data-testid=duplicate-warning]").InnerHtml, StringComparison.Ordinal), Wait);
        Assert.Contains("Vérifiez qu'il ne s'agit pas de la même personne", page.Markup, StringComparison.Ordinal);
        page.Find("[data-testid=register-anyway]").Click();
        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/desk/patrons/[0-9a-f-]{36}$", navigation.Uri), Wait);
        Assert.DoesNotContain(existing.Value.ToString(), navigation.Uri, StringComparison.Ordinal);
    }

    private static string Field(IRenderedComponent<PatronNewPage> page, string testId) =>
        page.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private void SignIn(DeskTestData data)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("desk-" + StaffRoles.Circulation);
        auth.SetRoles(StaffRoles.Circulation);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Circulation).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(StaffClaims.WorksAt, data.Library.Id.ToString("D", CultureInfo.InvariantCulture)));
    }
}
