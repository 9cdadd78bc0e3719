using System.Security.Claims;
using System.Text.Encodings.Web;
using MediaBib.Infrastructure.ApiAccess;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Api;

/// <summary>
/// Bearer tokens for API clients: <c>Authorization: Bearer mbk_…</c>. The token's role gives its permissions through
/// the same matrix as staff; its library is the library it works at.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<MediaBibDbContext> factory,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ActorKindClaim = "mediabib:actor-kind";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiSetup.WriteAuthProblemAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiSetup.WriteAuthProblemAsync(Context, StatusCodes.Status403Forbidden);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiToken.Hash(secret);
        await using var db = await factory.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null || !token.IsUsable(now))
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked API token.");
        }

        // Remember use at most once a minute, without auditing every request.
        if (token.LastUsedAt is null || token.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, token.Id.ToString()),
            new Claim(ClaimTypes.Name, "api:" + token.Name),
            new Claim(ClaimTypes.Role, token.Role),
            new Claim(StaffClaims.HomeLibrary, token.LibraryId.ToString()),
            new Claim(ActorKindClaim, "api"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
