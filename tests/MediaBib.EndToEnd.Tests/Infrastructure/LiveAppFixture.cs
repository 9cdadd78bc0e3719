using System.Net;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MediaBib.EndToEnd.Tests.Infrastructure.LiveAppFixture))]

namespace MediaBib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port) over a per-run PostgreSQL database, and Debian's chromium
/// driven by Playwright. One per test assembly; each test opens its own browser context.
/// </summary>
public sealed class LiveAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public TestDatabase Database { get; } = new();

    /// <summary>yaz-ztest on loopback, the app's only copy-cataloguing target (id <see cref="CopyTargetId"/>).</summary>
    public YazTestServer CopyServer { get; } = new();

    public const string CopyTargetId = "ztest";

    public const string CopyTargetName = "Serveur de test Z39.50";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await CopyServer.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Db", Database.ConnectionString);
            b.UseSetting("Logging:Directory", Path.Combine(Path.GetTempPath(), "mediabib-e2e-tests"));
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Every test signs in from the same address; the rate limit has its own test with a low limit.
            b.UseSetting("Security:SignInPermitsPerMinute", "100000");
            // No internet here: the default targets (BnF, SUDOC, LoC) are off, and the copy target is yaz-ztest.
            foreach (var target in new[] { "bnf-sru", "bnf-z3950", "sudoc", "loc" })
            {
                b.UseSetting($"CopyCataloguing:Targets:{target}:Enabled", "false");
            }

            if (CopyServer.Unavailable is null)
            {
                b.UseSetting($"CopyCataloguing:Targets:{CopyTargetId}:Name", CopyTargetName);
                b.UseSetting($"CopyCataloguing:Targets:{CopyTargetId}:Protocol", "Z3950");
                b.UseSetting($"CopyCataloguing:Targets:{CopyTargetId}:Address", CopyServer.Z3950Address());
                b.UseSetting("CopyCataloguing:Timeout", "00:00:10");
            }
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context in French (the staff's language) with its own cookies.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "fr-FR" });
        context.SetDefaultTimeout(15_000);
        // A page load may wait behind the other test projects on a 2-core CI machine (an OPAC search after a form post
        // once took more than 15 s there); a navigation that never comes still fails.
        context.SetDefaultNavigationTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates a staff account with a unique user name; returns the user name.</summary>
    public async Task<string> CreateStaffAsync(string role)
    {
        var userName = Unique.Code(role[..3]).ToLowerInvariant();
        await Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, $"Test {role}", role, Password, null), TestContext.Current.CancellationToken);
        return userName;
    }

    public static IReadOnlyList<string> Roles => StaffRoles.All;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Database.DisposeAsync();
        await CopyServer.DisposeAsync();
    }
}
