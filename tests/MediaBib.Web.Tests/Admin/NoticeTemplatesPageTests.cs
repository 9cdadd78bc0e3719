using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Web.Components.Admin;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Admin;

/// <summary>The notice template editor over the real database: live preview on a real patron, checked save.</summary>
public sealed class NoticeTemplatesPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public NoticeTemplatesPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<NoticeAdmin>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    [Fact]
    public async Task Preview_CardNumberOfARealPatron_RendersTheEditedTemplateWithTheirNameAndLoans()
    {
        // Arrange: a patron with one loan.
        var data = await DeskTestData.CreateAsync(_app.Database, items: 1, firstName: "Anatole", lastName: "France");
        Assert.True((await _app.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), data.Items[0].Barcode.Value, ct: Xunit.TestContext.Current.CancellationToken)).Succeeded);
        SignIn(data);
        var page = Render<NoticeTemplates>();
        page.WaitForAssertion(() => Assert.Contains("Modèle par défaut", page.Find("[data-testid=template-origin]").TextContent, StringComparison.Ordinal), Wait);

        // Act: pick the patron, then edit the text.
        page.Find("[data-testid=template-card]").Input(data.Patron.CardNumber.Value);
        page.WaitForAssertion(() => Assert.Contains("Bonjour Anatole France,", page.Find("[data-testid=template-preview]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=template-text]").Input("Cher {{ lecteur.prenom }}, {% for document in documents %}{{ document.titre }} pour le {{ document.date_retour }}{% endfor %}");

        // Assert: the preview follows the edit, with the patron's loan and its French due date.
        page.WaitForAssertion(() =>
        {
            var preview = page.Find("[data-testid=template-preview]").TextContent;
            Assert.Contains($"Cher Anatole, {data.Record.Title} pour le ", preview, StringComparison.Ordinal);
            Assert.Matches(@"pour le \d{2}/\d{2}/\d{4}", preview);
        }, Wait);
    }

    [Fact]
    public async Task Save_BrokenTemplateThenValidOne_RefusesWithThePlaceOfTheErrorThenStoresItAudited()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        SignIn(data);
        var key = "test-" + Guid.NewGuid().ToString("N")[..8];
        var admin = _app.Services.GetRequiredService<NoticeAdmin>();
        var actor = new MediaBib.Infrastructure.Audit.Actor(MediaBib.Infrastructure.Audit.ActorKind.Staff, "tpl-test");
        Assert.Empty(await admin.SaveTemplateAsync(actor, key, NoticeChannel.Sms, "", "Version 1", null, Xunit.TestContext.Current.CancellationToken));
        var page = Render<NoticeTemplates>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-text]")), Wait);
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudSelect<string>>().First().Instance.ValueChanged.InvokeAsync(key));
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudSelect<NoticeChannel>>().First().Instance.ValueChanged.InvokeAsync(NoticeChannel.Sms));
        page.WaitForAssertion(() => Assert.Contains("Modèle modifié", page.Find("[data-testid=template-origin]").TextContent, StringComparison.Ordinal), Wait);

        page.Find("[data-testid=template-card]").Input(data.Patron.CardNumber.Value);
        page.WaitForAssertion(() => Assert.Contains("Version 1", page.Find("[data-testid=template-preview]").TextContent, StringComparison.Ordinal), Wait);

        // Act 1: an unclosed tag is shown as an error (preview), and saving it is refused.
        page.Find("[data-testid=template-text]").Input("Bonjour {% if lecteur.doit_payer %}");
        page.WaitForAssertion(() => Assert.Contains("Le modèle contient des erreurs", page.Find("[data-testid=template-errors]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Le modèle contient des erreurs", page.Find("[data-testid=template-errors]").TextContent, StringComparison.Ordinal), Wait);

        // Act 2: a valid one.
        page.Find("[data-testid=template-text]").Input("Bonjour {{ lecteur.prenom }}, votre carte expire le {{ lecteur.date_expiration }}.");
        page.WaitForAssertion(() => Assert.Contains("Bonjour Élise, votre carte expire le", page.Find("[data-testid=template-preview]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=template-save]").Click();

        // Assert: only the valid version was stored.
        page.WaitForAssertion(() =>
        {
            using var db = _app.Database.CreateContext();
            Assert.Equal("Bonjour {{ lecteur.prenom }}, votre carte expire le {{ lecteur.date_expiration }}.",
                db.NoticeTemplates.AsNoTracking().Single(t => t.Key == key).BodyText);
        }, Wait);
    }

    private void SignIn(DeskTestData data)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin-templates");
        auth.SetRoles(StaffRoles.Admin);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Admin).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(StaffClaims.WorksAt, data.Library.Id.ToString("D", CultureInfo.InvariantCulture)));
    }
}
