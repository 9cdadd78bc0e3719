using Bunit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Catalog.CopyCataloguing;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Testing;
using MediaBib.Web.Components.Catalogue;
using MediaBib.Web.Components.Catalogue.Editor;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MediaBib.Web.Tests.Catalogue;

/// <summary>The copy-cataloguing page rendered by bUnit over the real service, database and a yaz-ztest server on loopback.</summary>
public sealed class CopyCataloguingPageTests : BunitTestContext, IClassFixture<YazTestServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly WebAppFixture _app;
    private readonly YazTestServer _server;
    private static readonly HttpClient Http = new();
    private readonly EditorDrafts _drafts = new(new MemoryCache(new MemoryCacheOptions()));

    public CopyCataloguingPageTests(WebAppFixture app, YazTestServer server)
    {
        _app = app;
        _server = server;
        var timeout = TimeSpan.FromSeconds(5);
        var targets = new ICopyCatalogueTarget[]
        {
            new Z3950Target("ztest-z3950", new CopyTargetOptions { Name = "Serveur de test Z39.50", Protocol = CopyTargetProtocol.Z3950, Address = server.Z3950Address() }, timeout),
            new SruTarget("ztest-sru", new CopyTargetOptions { Name = "Serveur de test SRU", Protocol = CopyTargetProtocol.Sru, Address = server.SruUrl }, timeout, Http),
            new Z3950Target("dead", new CopyTargetOptions { Name = "Serveur éteint", Protocol = CopyTargetProtocol.Z3950, Address = $"127.0.0.1:{YazTestServer.ClosedPort()}/Default" }, timeout),
        };
        Services.AddSingleton(new CopyCatalogue(new CopyCatalogueClient(targets, maxRecords: 3), app.Services.GetRequiredService<CatalogImport>(), app.Database.Factory));
        Services.AddSingleton(_drafts);
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
        var auth = AddAuthorization();
        auth.SetAuthorized("catalogueur-copie");
        auth.SetRoles(StaffRoles.Cataloguer);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Cataloguer).Select(p => p.PolicyName())]);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_ShowsEachTargetSideBySide_WithTheErrorOfTheDeadOneAndTheAlreadyInCatalogueBadge()
    {
        Assert.SkipWhen(_server.Unavailable is not null, _server.Unavailable ?? "");
        // The catalogue already has yaz-ztest's second record (001 11224467).
        var existing = new Domain.Catalog.Record(RecordType.Book, "Notice déjà présente " + Unique.Code());
        existing.AttachMarc(MarcFlavour.Marc21, "{\"leader\":\"00000nam a2200000 a 4500\",\"fields\":[]}", "11224467");
        await using (var db = _app.Database.CreateContext())
        {
            db.Records.Add(existing);
            await db.SaveChangesAsync(Ct);
        }

        var page = Render<CopyCataloguingPage>();
        Assert.Contains("Copie de notices", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.FindComponents<MudCheckBox<bool>>().Count);
        await page.InvokeAsync(() => Field(page, "ISBN").Find("input").Change("978-2-07-036822-8"));
        await page.InvokeAsync(() => page.Find("[data-testid=search]").Click());

        page.WaitForAssertion(() =>
        {
            var z3950 = page.Find("[data-testid=target-ztest-z3950]");
            Assert.Contains("Serveur de test Z39.50", z3950.TextContent, StringComparison.Ordinal);
            Assert.Equal(3, z3950.QuerySelectorAll("[data-testid=candidate]").Length);
            Assert.Contains("How to program a computer", z3950.QuerySelectorAll("[data-testid=candidate-title]")[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("Jack Collins", z3950.TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(page.Find("[data-testid=target-ztest-sru]").QuerySelectorAll("[data-testid=candidate]"));
            Assert.Contains("Serveur indisponible", page.Find("[data-testid=target-dead] [data-testid=target-error]").TextContent, StringComparison.Ordinal);
            var second = z3950.QuerySelectorAll("[data-testid=candidate]")[1];
            Assert.Contains("Déjà au catalogue", second.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/opac/notice/{existing.Id}", second.QuerySelector("[data-testid=existing-link]")!.GetAttribute("href"));
        }, Wait);
    }

    [Fact]
    public async Task Import_CreatesTheRecordThroughTheImportAndLinksToIt()
    {
        Assert.SkipWhen(_server.Unavailable is not null, _server.Unavailable ?? "");
        var page = Render<CopyCataloguingPage>();
        await page.InvokeAsync(() => Field(page, "Titre").Find("input").Change("computer"));
        await page.InvokeAsync(() => Field(page, "Auteur").Find("input").Change("Collins"));
        await page.InvokeAsync(() => page.Find("[data-testid=search]").Click());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=target-ztest-z3950] [data-testid=candidate]")), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=target-ztest-z3950] [data-testid=import]").Click());

        string? href = null;
        page.WaitForAssertion(() =>
        {
            var result = page.Find("[data-testid=target-ztest-z3950] [data-testid=import-result]");
            Assert.Contains("Notice créée.", result.TextContent, StringComparison.Ordinal);
            href = result.QuerySelector("[data-testid=imported-link]")!.GetAttribute("href");
        }, Wait);
        var id = Guid.Parse(href!["/opac/notice/".Length..]);
        await using var db = _app.Database.CreateContext();
        var record = await db.Records.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
        Assert.Equal("How to program a computer", record.Title);
        Assert.Equal("11224466", record.ControlNumber);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.Message!.Contains("copie:ztest-z3950"), Ct));
    }

    [Fact]
    public async Task OpenInEditor_HandsTheUnsavedRecordToTheEditor()
    {
        Assert.SkipWhen(_server.Unavailable is not null, _server.Unavailable ?? "");
        var page = Render<CopyCataloguingPage>();
        await page.InvokeAsync(() => Field(page, "Titre").Find("input").Change("computer"));
        await page.InvokeAsync(() => page.Find("[data-testid=search]").Click());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=target-ztest-z3950] [data-testid=candidate]")), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=target-ztest-z3950] [data-testid=open-in-editor]").Click());

        var uri = new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
        Assert.Equal("/catalogue/notices/nouvelle", uri.AbsolutePath);
        var draft = _drafts.Take(uri.Query["?brouillon=".Length..]);
        Assert.NotNull(draft);
        Assert.Equal("Serveur de test Z39.50", draft.Source);
        Assert.Equal(MarcFlavour.Marc21, draft.Marc.Flavour);
        Assert.StartsWith("How to program a computer", draft.Marc.Fields.Single(f => f.Tag == "245").First('a'), StringComparison.Ordinal);
    }

    private static IRenderedComponent<MudTextField<string>> Field(IRenderedComponent<CopyCataloguingPage> page, string label) =>
        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == label);
}
