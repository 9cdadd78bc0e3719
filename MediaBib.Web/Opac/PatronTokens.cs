using System.Globalization;
using System.Text.Encodings.Web;
using MediaBib.Infrastructure.PatronAccount;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Opac;

/// <summary>
/// Short-lived patron bearer tokens (<c>mbp_…</c>): the patron id and password stamp, signed and encrypted with the
/// data-protection keys every web node shares, valid <see cref="Lifetime"/>. Nothing is stored: a token dies when it
/// expires or when the patron changes their password.
/// </summary>
public sealed class PatronTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Prefix = "mbp_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("MediaBib.Opac.PatronToken.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTime ExpiresAt) Issue(PatronIdentity patron)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = patron.Id.ToString("N", CultureInfo.InvariantCulture) + "|" + patron.Stamp;
        return (Prefix + _protector.Protect(payload, expires), expires.UtcDateTime);
    }

    /// <summary>The patron id and stamp of a valid, unexpired token; null otherwise.</summary>
    public (Guid PatronId, string Stamp)? Read(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token[Prefix.Length..], out var expiration).Split('|');
            return expiration > clock.GetUtcNow() && parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Authenticates <c>Authorization: Bearer mbp_…</c> on the patron API; 401 answers are RFC 7807 documents.</summary>
public sealed class PatronTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PatronTokens tokens,
    PatronCredentials credentials) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + PatronTokens.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (tokens.Read(header["Bearer ".Length..].Trim()) is not { } read)
        {
            return AuthenticateResult.Fail("Invalid or expired patron token.");
        }

        var patron = await credentials.CurrentAsync(read.PatronId, Context.RequestAborted);
        if (patron is null || patron.Stamp != read.Stamp)
        {
            return AuthenticateResult.Fail("The patron's password changed or the account is closed.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(PatronSecurity.Principal(patron, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        PatronProblems.Unauthenticated().ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        PatronProblems.Unauthenticated().ExecuteAsync(Context);
}
