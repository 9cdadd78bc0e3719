using Bunit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Testing;
using MediaBib.Web.Components.Admin;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MediaBib.Web.Tests.Admin;

/// <summary>The SIP2 terminals page rendered by bUnit over the real service and database.</summary>
public sealed class Sip2TerminalsPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public Sip2TerminalsPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<Sip2TerminalAdmin>());
        Services.AddSingleton(app.Services.GetRequiredService<DashboardQueries>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin-bornes");
        auth.SetRoles(StaffRoles.Admin);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Admin).Select(p => p.PolicyName())]);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Render_ListsTerminalsWithTheirSettingsInFrench()
    {
        var library = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque du trieur");
        await using (var db = _app.Database.CreateContext())
        {
            db.Libraries.Add(library);
            await db.SaveChangesAsync(Ct);
        }

        var login = Unique.Code("trieur");
        var actor = new Actor(ActorKind.Staff, "admin-bornes", Guid.CreateVersion7());
        Assert.True((await _app.Services.GetRequiredService<Sip2TerminalAdmin>().CreateAsync(actor, login, "Trieur-Secret-1",
            new(library.Id, ["Checkin", "ItemInformation"], "ibm850", false, []), Ct)).Succeeded);

        var page = Render<Sip2Terminals>();

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("[data-testid=terminals] tbody tr").Single(r => r.TextContent.Contains(login, StringComparison.Ordinal));
            Assert.Contains("Médiathèque du trieur", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Retour, Informations document", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("ibm850", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Non", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        }, Wait);
        Assert.Contains("Bornes SIP2", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Le retour capte les réservations", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_IncompleteForm_ShowsFrenchErrorsNextToTheFields()
    {
        var page = Loaded(Render<Sip2Terminals>());
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Ajouter une règle", StringComparison.Ordinal)).Click());
        await page.InvokeAsync(() => TextField(page, "Mot de passe (CO)").Find("input").Change("court"));

        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());

        page.WaitForAssertion(() =>
        {
            var form = page.Find("[data-testid=terminal-form]").TextContent;
            Assert.Contains("Ce champ est obligatoire", form, StringComparison.Ordinal);
            Assert.Contains("Le mot de passe doit compter au moins 8 caractères, sans « | »", form, StringComparison.Ordinal);
            Assert.Contains("Règle incomplète : un bac, et une valeur sauf pour « Toujours » (sans « | »)", form, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Create_ValidForm_ShowsThePasswordOnceAndListsTheTerminal()
    {
        var library = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque de la borne");
        await using (var db = _app.Database.CreateContext())
        {
            db.Libraries.Add(library);
            await db.SaveChangesAsync(Ct);
        }

        var login = Unique.Code("borne");
        var page = Loaded(Render<Sip2Terminals>());
        await page.InvokeAsync(() => TextField(page, "Identifiant (CN)").Find("input").Change(login));
        await page.InvokeAsync(() => TextField(page, "Mot de passe (CO)").Find("input").Change("Borne-Secret-9"));
        var select = page.FindComponents<MudSelect<Guid?>>().Single();
        await page.InvokeAsync(() => select.Instance.SelectOption(library.Id));

        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Borne-Secret-9", page.Find("[data-testid=terminal-password]").TextContent, StringComparison.Ordinal);
            Assert.Contains(page.FindAll("[data-testid=terminal-login]"), c => c.TextContent == login);
        }, Wait);
        var view = await _app.Services.GetRequiredService<Sip2TerminalService>().AuthenticateAsync(login, "Borne-Secret-9", Ct);
        Assert.Equal(library.Id, view!.LibraryId);
    }

    /// <summary>Waits for the page's first load (libraries and terminals) so later clicks hit the final render tree.</summary>
    private static IRenderedComponent<Sip2Terminals> Loaded(IRenderedComponent<Sip2Terminals> page)
    {
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=terminal-form]").GetAttribute("data-loaded")), Wait);
        return page;
    }

    private static IRenderedComponent<MudTextField<string>> TextField(IRenderedComponent<Sip2Terminals> page, string label) =>
        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == label);
}
