using System.Security.Cryptography;
using System.Text;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.PatronAccount;

public enum PatronSignInStatus
{
    Succeeded,

    /// <summary>Unknown card, no OPAC password yet, or a wrong password: the patron is told nothing more.</summary>
    Invalid,

    /// <summary>Too many failures: the account is locked for a while (see <see cref="Patron.RecordFailedOpacLogin"/>).</summary>
    LockedOut,
}

/// <summary>Who signed in, as the patron cookie and the patron token carry it.</summary>
public sealed record PatronIdentity(Guid Id, string CardNumber, string FirstName, Guid HomeLibraryId, string Stamp);

public sealed record PatronSignInResult(PatronSignInStatus Status, PatronIdentity? Patron);

public enum PasswordChangeStatus
{
    Changed,
    WrongCurrentPassword,
    TooShort,
    Unknown,
}

/// <summary>Where a sign-in attempt comes from (for the audit log).</summary>
public sealed record SignInOrigin(string? Ip, string? UserAgent, string? RequestId);

/// <summary>
/// The patron's OPAC credentials: card number + password (ASP.NET Core password hasher format, kept on
/// <see cref="Patron.OpacPasswordHash"/>), lockout after repeated failures, password change. Sign-ins, failures and
/// changes are audited with the patron (card number) as actor. The <see cref="PatronIdentity.Stamp"/> changes with
/// the password, so a password change ends the other sessions and tokens.
/// </summary>
public sealed class PatronCredentials(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public const int MinPasswordLength = 8;

    private static readonly PasswordHasher<Patron> Hasher = new();

    /// <summary>A hash to verify against when the card is unknown, so both answers take about as long.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, "no such patron"));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PatronSignInResult> SignInAsync(string? cardNumber, string? password, SignInOrigin origin, CancellationToken ct = default)
    {
        var card = (cardNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = PatronActor.For(card.Length == 0 ? "?" : card, null, origin.Ip, origin.UserAgent, origin.RequestId);
        var patron = await FindByCardAsync(db, card, ct);
        if (patron?.OpacPasswordHash is not { } hash || patron.AnonymizedAt is not null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password ?? "");
            db.RecordAction(AuditAction.LoginFailed, null, "Connexion lecteur : carte inconnue ou sans mot de passe");
            await db.SaveChangesAsync(ct);
            return new(PatronSignInStatus.Invalid, null);
        }

        db.Actor = db.Actor with { LibraryId = patron.HomeLibraryId };
        if (patron.IsOpacLocked(Now))
        {
            db.RecordAction(AuditAction.LoginFailed, patron, "Connexion lecteur refusée : compte verrouillé");
            await db.SaveChangesAsync(ct);
            return new(PatronSignInStatus.LockedOut, null);
        }

        var verdict = Hasher.VerifyHashedPassword(patron, hash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            patron.RecordFailedOpacLogin(Now);
            var locked = patron.IsOpacLocked(Now);
            db.RecordAction(AuditAction.LoginFailed, patron, locked
                ? "Connexion lecteur : mot de passe incorrect, compte verrouillé 30 minutes"
                : "Connexion lecteur : mot de passe incorrect");
            await db.SaveChangesAsync(ct);
            return new(locked ? PatronSignInStatus.LockedOut : PatronSignInStatus.Invalid, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            patron.SetOpacPasswordHash(Hasher.HashPassword(patron, password!));
        }

        patron.RecordSuccessfulOpacLogin();
        db.RecordAction(AuditAction.Login, patron, "Connexion lecteur (catalogue)");
        await db.SaveChangesAsync(ct);
        return new(PatronSignInStatus.Succeeded, IdentityOf(patron));
    }

    /// <summary>The current identity of a signed-in patron, or null when the account can no longer sign in.</summary>
    public async Task<PatronIdentity?> CurrentAsync(Guid patronId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patron = await db.Patrons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patronId, ct);
        return patron is { OpacPasswordHash: not null, AnonymizedAt: null } ? IdentityOf(patron) : null;
    }

    public async Task<(PasswordChangeStatus Status, PatronIdentity? Patron)> ChangePasswordAsync(
        Actor actor, Guid patronId, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var patron = await db.Patrons.FirstOrDefaultAsync(p => p.Id == patronId, ct);
        if (patron?.OpacPasswordHash is not { } hash)
        {
            return (PasswordChangeStatus.Unknown, null);
        }

        if (Hasher.VerifyHashedPassword(patron, hash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            patron.RecordFailedOpacLogin(Now);
            db.RecordAction(AuditAction.LoginFailed, patron, "Changement de mot de passe : mot de passe actuel incorrect");
            await db.SaveChangesAsync(ct);
            return (PasswordChangeStatus.WrongCurrentPassword, null);
        }

        if ((newPassword ?? "").Length < MinPasswordLength)
        {
            return (PasswordChangeStatus.TooShort, null);
        }

        patron.SetOpacPasswordHash(Hasher.HashPassword(patron, newPassword!));
        db.RecordAction(AuditAction.PasswordReset, patron, "Mot de passe du catalogue changé par le lecteur");
        await db.SaveChangesAsync(ct);
        return (PasswordChangeStatus.Changed, IdentityOf(patron));
    }

    /// <summary>Sets a patron's OPAC password (demo seed, staff); fails on a password shorter than the minimum.</summary>
    public async Task SetPasswordAsync(Actor actor, Guid patronId, string password, CancellationToken ct = default)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new ValidationException("password", ValidationError.OutOfRange);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var patron = await db.Patrons.FirstAsync(p => p.Id == patronId, ct);
        patron.SetOpacPasswordHash(Hasher.HashPassword(patron, password));
        db.RecordAction(AuditAction.PasswordReset, patron, "Mot de passe du catalogue défini");
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Patron?> FindByCardAsync(MediaBibDbContext db, string card, CancellationToken ct)
    {
        if (card.Length == 0 || card.Length > CardNumber.MaxLength)
        {
            return null;
        }

        try
        {
            var number = CardNumber.From(card);
            return await db.Patrons.FirstOrDefaultAsync(p => p.CardNumber == number, ct);
        }
        catch (ValidationException)
        {
            return null;
        }
    }

    private static PatronIdentity IdentityOf(Patron patron) =>
        new(patron.Id, patron.CardNumber.Value, patron.FirstName, patron.HomeLibraryId, StampOf(patron.OpacPasswordHash!));

    /// <summary>A short fingerprint of the password hash: it changes when the password does, and reveals nothing.</summary>
    private static string StampOf(string hash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("mediabib-patron-stamp:" + hash)))[..16];
}
