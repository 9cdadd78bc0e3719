using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(MediaBib.Web.Tests.Infrastructure.WebAppFixture))]

namespace MediaBib.Web.Tests.Infrastructure;

/// <summary>
/// The real web app (in-memory TestServer) on a real PostgreSQL database created for this test run. One per test
/// assembly; tests create their own uniquely named staff accounts and rows.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    public TestDatabase Database { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;

    public IServiceProvider Services => Factory.Services;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Db", Database.ConnectionString);
            b.UseSetting("Logging:Directory", Path.Combine(Path.GetTempPath(), "mediabib-web-tests"));
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Every test signs in from the same address; the rate limit has its own test with a low limit.
            b.UseSetting("Security:SignInPermitsPerMinute", "100000");
        });
        _ = Factory.Server;
    }

    /// <summary>Creates a staff account with a unique user name in <paramref name="role"/>.</summary>
    public async Task<StaffUser> CreateStaffAsync(string role, Guid? libraryId = null)
    {
        var userName = Unique.Code(role[..3]).ToLowerInvariant();
        return await Services.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, $"Test {role}", role, Password, libraryId), TestContext.Current.CancellationToken);
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient CreateClient() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a new account of <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var user = await CreateStaffAsync(role);
        var client = CreateClient();
        var response = await SignIn.PostAsync(client, user.UserName!, Password);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static IReadOnlyList<string> Roles => StaffRoles.All;
}
