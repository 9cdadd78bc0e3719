using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using MediaBib.Infrastructure.Rfid;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Rfid;

/// <summary>
/// A pad agent's device key (<c>mbr_…</c>), sent as the header <c>X-Pad-Key</c>, as <c>Authorization: Bearer</c> (the
/// SignalR client's access token) or as the <c>access_token</c> query parameter (browsers' WebSockets). Only the
/// pad hub uses this scheme: a staff cookie opens no pad connection and a pad key opens no staff page.
/// </summary>
public sealed class RfidPadAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RfidPadAdmin pads) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RfidPad";
    public const string PolicyName = "rfid-pad";
    public const string KeyHeader = "X-Pad-Key";
    public const string LibraryClaim = "mediabib:rfid-library";
    public const string DeskClaim = "mediabib:rfid-desk";

    /// <summary>The pad a connection authenticated as.</summary>
    public static RfidPadIdentity PadOf(ClaimsPrincipal? user) => new(
        Guid.Parse(user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a pad connection."), CultureInfo.InvariantCulture),
        Guid.Parse(user.FindFirstValue(LibraryClaim)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(DeskClaim) ?? "");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (await pads.AuthenticateAsync(key, Context.RequestAborted) is not { } pad)
        {
            return AuthenticateResult.Fail("Unknown or revoked RFID pad key.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, pad.PadId.ToString("D", CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "pad:" + pad.DeskName),
            new Claim(LibraryClaim, pad.LibraryId.ToString("D", CultureInfo.InvariantCulture)),
            new Claim(DeskClaim, pad.DeskName),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[KeyHeader].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer " + RfidPad.KeyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }
}
