using System.Net;
using System.Reflection;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Testing;
using MediaBib.Web.Navigation;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Security;

/// <summary>Walks the permission matrix against the running app: every role × every page.</summary>
public sealed class PermissionMatrixTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Pages open to anyone: signing in, the error page, and the public catalogue (OPAC).</summary>
    private static readonly string[] AnonymousPages = ["/account/login", "/Error"];

    private static bool IsAnonymousRoute(string route) =>
        AnonymousPages.Contains(route) || route == "/opac" || route.StartsWith("/opac/", StringComparison.Ordinal) && !IsPatronRoute(route);

    /// <summary>The patron's account: patrons only (their own cookie scheme), never staff.</summary>
    private static bool IsPatronRoute(string route) => route.StartsWith("/opac/compte", StringComparison.Ordinal);

    private static bool IsPatronPage(Type page) =>
        page.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == MediaBib.Web.Opac.PatronSecurity.Policy);

    private static IEnumerable<Type> Pages() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    /// <summary>Each route of each page (a page may have several <c>@page</c> lines).</summary>
    private static IEnumerable<(Type Page, string Route)> Routes() =>
        Pages().SelectMany(p => p.GetCustomAttributes<RouteAttribute>().Select(r => (p, r.Template)));

    private static Permission? RequiredPermission(Type page) =>
        page.GetCustomAttribute<AuthorizePermissionAttribute>()?.Permission;

    [Fact]
    public void EveryPage_DeclaresWhoMayOpenIt()
    {
        foreach (var (page, route) in Routes())
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            Assert.True(anonymous == IsAnonymousRoute(route), $"{route}: only the sign-in, error and OPAC pages may be anonymous");
            Assert.True(anonymous || page.GetCustomAttributes<AuthorizeAttribute>().Any() || route.StartsWith("/account/", StringComparison.Ordinal),
                $"{route} has no [Authorize] or [AuthorizePermission]");
            Assert.True(IsPatronRoute(route) == IsPatronPage(page), $"{route}: /opac/compte pages, and only they, require the patron policy");
        }
    }

    [Fact]
    public void NavEntries_PointAtExistingPagesWithTheirPermission()
    {
        var routes = Routes().ToDictionary(r => r.Route, r => RequiredPermission(r.Page));
        foreach (var entry in NavEntries.All)
        {
            Assert.True(routes.TryGetValue(entry.Href, out var permission), $"{entry.Href} is in the menu but no page has that route");
            Assert.Equal(permission, entry.Permission);
        }
    }

    [Fact]
    public async Task EveryRoleOnEveryPage_IsAllowedExactlyByTheMatrix()
    {
        // Arrange: one library so that parameterised routes have a real id.
        var library = await app.Services.GetRequiredService<LibraryAdmin>()
            .CreateAsync(Actor.System, new LibraryInput(Unique.Code("M"), "Matrice", null, null, null, null, null, null), Ct);
        var pages = Routes().Where(r => r.Page.GetCustomAttribute<AllowAnonymousAttribute>() is null && !IsPatronPage(r.Page)
                && !r.Route.StartsWith("/account/", StringComparison.Ordinal))
            .Select(r => (Url: r.Route.Replace("{Id:guid}", library.Value.ToString(), StringComparison.Ordinal), Permission: RequiredPermission(r.Page)))
            .ToList();
        Assert.Contains(pages, p => p.Permission is null);
        Assert.Contains(pages, p => p.Permission is not null);
        var anonymous = app.CreateClient();
        var failures = new List<string>();

        foreach (var role in StaffRoles.All)
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var (url, permission) in pages)
            {
                // Act
                var response = await client.GetAsync(url, Ct);
                var anonymousResponse = await anonymous.GetAsync(url, Ct);

                // Assert
                var allowed = permission is not { } p || RolePermissions.Allows(role, p);
                var actual = response.StatusCode == HttpStatusCode.OK ? "allowed"
                    : response.Headers.Location?.AbsolutePath == "/account/access-denied" ? "forbidden"
                    : $"{(int)response.StatusCode} {response.Headers.Location}";
                if (actual != (allowed ? "allowed" : "forbidden"))
                {
                    failures.Add($"{role} {url}: expected {(allowed ? "allowed" : "forbidden")}, got {actual}");
                }

                if (anonymousResponse.Headers.Location?.AbsolutePath != "/account/login")
                {
                    failures.Add($"anonymous {url}: expected a redirect to sign in, got {(int)anonymousResponse.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task PatronPages_SendStaffAndAnonymousVisitorsToThePatronSignIn()
    {
        var patronPages = Pages().Where(IsPatronPage).Select(p => p.GetCustomAttribute<RouteAttribute>()!.Template).ToList();
        Assert.Contains("/opac/compte", patronPages);
        var anonymous = app.CreateClient();
        var staff = await app.SignedInClientAsync(StaffRoles.Admin);

        foreach (var url in patronPages)
        {
            foreach (var client in new[] { anonymous, staff })
            {
                var response = await client.GetAsync(url, Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/opac/connexion", response.Headers.Location?.AbsolutePath);
            }
        }
    }

    [Fact]
    public async Task AnonymousUser_CanLoadSignInPageAndItsScripts()
    {
        var client = app.CreateClient();

        var login = await client.GetAsync("/account/login", Ct);
        var script = await client.GetAsync("/_framework/blazor.web.js", Ct);
        var health = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void PermissionPolicies_AreNamedAfterPermissions()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        foreach (var permission in Permissions.All)
        {
            var policy = options.GetPolicy("perm:" + permission.Code());
            Assert.NotNull(policy);
            var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().Single();
            Assert.Equal(RolePermissions.RolesWith(permission).Order(), roles.AllowedRoles.Order());
        }
    }
}
