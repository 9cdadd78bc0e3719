using System.Net;
using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Web.Catalogue;
using MediaBib.Web.Components.Catalogue;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Catalogue;

/// <summary>The import page (bUnit over the real import and database), its CSV download, and the command line.</summary>
public sealed class ImportPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly WebAppFixture _app;

    public ImportPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<CatalogImport>());
        Services.AddSingleton(app.Services.GetRequiredService<DashboardQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<ImportReports>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_ImportsTheRecords_ReportsTheMalformedOneWithPositionAndReason_AndOffersTheCsv()
    {
        var file = await ImportTestFile.CreateAsync(_app, Ct);
        var user = await _app.CreateStaffAsync(StaffRoles.Cataloguer);
        var auth = AddAuthorization();
        auth.SetAuthorized(user.UserName!);
        auth.SetRoles(StaffRoles.Cataloguer);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Cataloguer).Select(p => p.PolicyName())]);
        var page = Render<ImportPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=import-form]").GetAttribute("data-loaded")), Wait);
        Assert.Contains("Import de notices", page.Find("h1").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file.Bytes, "lot-test.mrc")));
        page.WaitForAssertion(() => Assert.Contains("lot-test.mrc", page.Find("[data-testid=file-name]").TextContent, StringComparison.Ordinal), Wait);
        await page.InvokeAsync(() => page.Find("[data-testid=start]").Click());

        page.WaitForAssertion(() =>
        {
            var counts = page.Find("[data-testid=counts]").TextContent;
            Assert.Contains("Notices lues3", counts, StringComparison.Ordinal);
            Assert.Contains("Notices créées2", counts, StringComparison.Ordinal);
            Assert.Contains("Notices rejetées1", counts, StringComparison.Ordinal);
            Assert.Contains("Exemplaires créés1", counts, StringComparison.Ordinal);
        }, Wait);
        var problem = Assert.Single(page.FindAll("[data-testid=problems] tbody tr"));
        Assert.Equal("2", problem.QuerySelector("[data-testid=problem-number]")!.TextContent);
        Assert.Equal(file.MalformedOffset.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.QuerySelector("[data-testid=problem-offset]")!.TextContent);
        Assert.Contains("Notice mal formée (marc.bad-directory)", problem.QuerySelector("[data-testid=problem-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Import terminé", page.Find("[data-testid=progress]").TextContent, StringComparison.Ordinal);

        await using (var db = _app.Database.CreateContext())
        {
            Assert.True(await db.Records.AnyAsync(r => r.ControlNumber == file.FirstControlNumber, Ct));
            Assert.True(await db.Records.AnyAsync(r => r.ControlNumber == file.SecondControlNumber, Ct));
            Assert.True(await db.Items.AnyAsync(i => i.HomeLibraryId == file.Library.Id, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.Message!.Contains("lot-test.mrc") && a.Actor == user.UserName, Ct));
        }

        // The CSV, through the real endpoint, for the member of staff who ran the import.
        var href = page.Find("[data-testid=download]").GetAttribute("href")!;
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, user.UserName!, WebAppFixture.Password)).StatusCode);
        using var response = await client.GetAsync(href, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Total;;;;Notices créées;2", csv, StringComparison.Ordinal);
        Assert.Contains($"Notice mal formée;2;{file.MalformedOffset};;marc.bad-directory;", csv, StringComparison.Ordinal);
        using var other = await _app.SignedInClientAsync(StaffRoles.Cataloguer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(href, Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_RealFileCutShort_ImportsEveryWholeRecordAndReportsTheTruncatedOne()
    {
        var path = MarcData("marc21/iso2709/marc4j-008008027.mrc");
        var auth = AddAuthorization();
        auth.SetAuthorized("catalogueur-import");
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Cataloguer).Select(p => p.PolicyName())]);
        var page = Render<ImportPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=import-form]").GetAttribute("data-loaded")), Wait);
        var rule = page.FindComponents<MudBlazor.MudSelect<MatchAction>>().Single();
        await page.InvokeAsync(() => rule.Instance.SelectOption(MatchAction.Replace));

        await page.InvokeAsync(() => page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File.ReadAllBytes(path), "008008027.mrc")));
        await page.InvokeAsync(() => page.Find("[data-testid=start]").Click());

        page.WaitForAssertion(() => Assert.Contains("Notices lues19", page.Find("[data-testid=counts]").TextContent, StringComparison.Ordinal), Wait);
        var counts = page.Find("[data-testid=counts]").TextContent;
        Assert.Contains("Notices rejetées1", counts, StringComparison.Ordinal);
        Assert.True(counts.Contains("Notices créées18", StringComparison.Ordinal) || counts.Contains("Notices remplacées18", StringComparison.Ordinal), counts);
        var problem = Assert.Single(page.FindAll("[data-testid=problems] tbody tr"));
        Assert.Equal("19", problem.QuerySelector("[data-testid=problem-number]")!.TextContent);
        Assert.Equal("62502", problem.QuerySelector("[data-testid=problem-offset]")!.TextContent);
        Assert.Contains("marc.truncated-record", problem.QuerySelector("[data-testid=problem-reason]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_RunsTheSameImport_AndWritesTheReport()
    {
        var file = await ImportTestFile.CreateAsync(_app, Ct);
        var folder = Directory.CreateTempSubdirectory("mediabib-import-cli");
        try
        {
            var path = Path.Combine(folder.FullName, "migration.mrc");
            await File.WriteAllBytesAsync(path, file.Bytes, Ct);
            var report = Path.Combine(folder.FullName, "rapport.csv");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Db"] = _app.Database.ConnectionString,
            }).Build();
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await ImportCommand.RunAsync(
                ["import", "--file", path, "--format", "unimarc", "--match", "replace", "--report", report], output, error, configuration, Ct);

            Assert.True(code == 0, error.ToString());
            var text = output.ToString();
            Assert.Contains("import: read=3 created=2 replaced=0 merged=0 skipped=0 rejected=1 items=1", text, StringComparison.Ordinal);
            Assert.Contains($"rejected record 2 at byte {file.MalformedOffset}: marc.bad-directory", text, StringComparison.Ordinal);
            Assert.Contains("Notice mal formée;2;", await File.ReadAllTextAsync(report, Ct), StringComparison.Ordinal);

            // Again with --match replace: the same records are found and replaced, not duplicated.
            output = new StringWriter();
            Assert.Equal(0, await ImportCommand.RunAsync(["import", "--file", path, "--match", "replace"], output, error, configuration, Ct));
            Assert.Contains("created=0 replaced=2", output.ToString(), StringComparison.Ordinal);
            await using var db = _app.Database.CreateContext();
            Assert.Equal(1, await db.Records.CountAsync(r => r.ControlNumber == file.FirstControlNumber, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.Message!.Contains("migration.mrc") && a.Actor == "import-cli", Ct));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CommandLine_WrongArguments_SaySoAndExitWith2()
    {
        var error = new StringWriter();

        var code = await ImportCommand.RunAsync(["import", "--file", "/nonexistent/x.mrc", "--match", "sometimes"], TextWriter.Null, error, null, Ct);

        Assert.Equal(2, code);
        Assert.Contains("--match does not accept 'sometimes'.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: MediaBib.Web import --file FILE", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A file of the real MARC test data (<c>../shared/data/marc</c> beside the repository); skips when absent.</summary>
    private static string MarcData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaBib.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "marc", relative));
                Assert.SkipUnless(File.Exists(path), $"MARC test data not found ({path}).");
                return path;
            }
        }

        Assert.Skip("MARC test data not found (no MediaBib.sln above the test binaries).");
        return "";
    }
}
