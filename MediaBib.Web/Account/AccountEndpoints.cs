using System.Globalization;
using System.Security.Claims;
using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Account;

/// <summary>
/// Staff sign-in, sign-out and choice of the library one works at. Plain form posts (with antiforgery) from static
/// server-rendered pages: only an HTTP response can set the cookie, an interactive circuit cannot.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy);
        account.MapPost("/logout", LogoutAsync);
        account.MapPost("/works-at", WorksAtAsync);
        return app;
    }

    public sealed class LoginForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? LibraryId { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class WorksAtForm
    {
        public string? LibraryId { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, [FromForm] LoginForm form, UserManager<StaffUser> users, StaffSignInManager signIn, MediaBibDbContext db)
    {
        var userName = (form.UserName ?? "").Trim();
        var returnUrl = LocalOrHome(form.ReturnUrl);
        var origin = RequestOrigin.From(http);
        var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
        db.Actor = new Actor(ActorKind.Staff, Truncate(userName.Length == 0 ? "?" : userName), user?.Id, user?.LibraryId,
            origin.Ip, origin.UserAgent, origin.RequestId);
        if (user is null)
        {
            return await FailAsync(db, "invalid", "Identifiant inconnu", returnUrl);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return await FailAsync(db, "locked", "Compte verrouillé après des échecs répétés", returnUrl);
        }

        if (result.IsNotAllowed)
        {
            // Say "disabled" only to someone who knows the password; anyone else learns nothing about the account.
            var knowsPassword = await users.CheckPasswordAsync(user, form.Password ?? "");
            return await FailAsync(db, knowsPassword ? "disabled" : "invalid", "Compte désactivé", returnUrl);
        }

        if (!result.Succeeded)
        {
            return await FailAsync(db, "invalid", "Mot de passe incorrect", returnUrl);
        }

        var worksAt = await ExistingLibraryAsync(db, form.LibraryId) ?? user.LibraryId;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, WorksAtClaims(worksAt));
        db.Actor = db.Actor with { LibraryId = worksAt };
        db.RecordAction(AuditAction.Login, null, "Connexion", details: new { StaffUserId = user.Id, user.UserName });
        await db.SaveChangesAsync();
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, StaffSignInManager signIn, MediaBibDbContext db)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            db.Actor = StaffActor.From(http.User, RequestOrigin.From(http));
            db.RecordAction(AuditAction.Logout, null, "Déconnexion");
            await db.SaveChangesAsync();
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(LoginPath);
    }

    private static async Task<IResult> WorksAtAsync(
        HttpContext http, [FromForm] WorksAtForm form, UserManager<StaffUser> users, StaffSignInManager signIn, MediaBibDbContext db)
    {
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return Results.LocalRedirect(LoginPath);
        }

        var worksAt = await ExistingLibraryAsync(db, form.LibraryId) ?? user.LibraryId;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, WorksAtClaims(worksAt));
        return Results.LocalRedirect(LocalOrHome(form.ReturnUrl));
    }

    private static async Task<IResult> FailAsync(MediaBibDbContext db, string error, string message, string returnUrl)
    {
        db.RecordAction(AuditAction.LoginFailed, null, message);
        await db.SaveChangesAsync();
        return Results.LocalRedirect($"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<Guid?> ExistingLibraryAsync(MediaBibDbContext db, string? raw) =>
        Guid.TryParse(raw, CultureInfo.InvariantCulture, out var id) && await db.Libraries.AnyAsync(l => l.Id == id) ? id : null;

    private static Claim[] WorksAtClaims(Guid? library) =>
        library is { } id ? [new Claim(StaffClaims.WorksAt, id.ToString("D", CultureInfo.InvariantCulture))] : [];

    /// <summary>Only local paths: an open redirect after sign-in would help phishing.</summary>
    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100];
}
