using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace MediaBib.Web.Opac;

/// <summary>
/// OPAC sign-in and sign-out for patrons, and the download of their personal data: plain form posts (antiforgery
/// checked) from the static OPAC pages, since only an HTTP response can set or clear the cookie.
/// </summary>
public static class PatronSignInEndpoints
{
    public static IEndpointRouteBuilder MapPatronSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(PatronSecurity.LoginPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);
        app.MapPost("/opac/deconnexion", (Delegate)SignOutAsync).AllowAnonymous();
        app.MapPost("/opac/compte/donnees/export", ExportAsync).RequireAuthorization(PatronSecurity.Policy);
        return app;
    }

    public sealed class SignInForm
    {
        public string? CardNumber { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] SignInForm form, PatronCredentials credentials)
    {
        var returnUrl = LocalOpacPath(form.ReturnUrl);
        var origin = RequestOrigin.From(http);
        var result = await credentials.SignInAsync(form.CardNumber, form.Password, new SignInOrigin(origin.Ip, origin.UserAgent, origin.RequestId),
            http.RequestAborted);
        switch (result.Status)
        {
            case PatronSignInStatus.Succeeded:
                await http.SignInAsync(PatronSecurity.CookieScheme, PatronSecurity.Principal(result.Patron!, PatronSecurity.CookieScheme));
                return Results.LocalRedirect(returnUrl);
            case PatronSignInStatus.LockedOut:
                return Results.LocalRedirect($"{PatronSecurity.LoginPath}?error=locked&returnUrl={Uri.EscapeDataString(returnUrl)}");
            case PatronSignInStatus.Invalid:
            default:
                return Results.LocalRedirect($"{PatronSecurity.LoginPath}?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(PatronSecurity.CookieScheme);
        return Results.LocalRedirect(PatronSecurity.LoginPath + "?signedOut=1");
    }

    private static async Task<IResult> ExportAsync(HttpContext http, PatronDataExport export, TimeProvider clock)
    {
        var id = PatronSecurity.PatronId(http.User)!.Value;
        var json = await export.ExportAsync(PatronSecurity.ActorOf(http.User, http), id, http.RequestAborted);
        if (json is null)
        {
            return Results.NotFound();
        }

        var date = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(json, "application/json; charset=utf-8", $"mes-donnees-bibliotheque-{date}.json");
    }

    /// <summary>Only OPAC paths: an open redirect after sign-in would help phishing, and staff pages are not the patron's.</summary>
    internal static string LocalOpacPath(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith("/opac", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : PatronSecurity.AccountPath;
}
