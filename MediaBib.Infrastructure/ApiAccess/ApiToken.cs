using System.Security.Cryptography;
using System.Text;
using MediaBib.Domain.Common;

namespace MediaBib.Infrastructure.ApiAccess;

/// <summary>
/// A bearer token for an API client (an integration, a discovery tool, a script), created by an administrator,
/// scoped to a library and a staff role, revocable. Only a SHA-256 hash of the secret is stored; the secret is shown
/// once at creation.
/// </summary>
public sealed class ApiToken : Entity
{
    public const string SecretPrefix = "mbk_";

    private ApiToken()
    {
    }

    private ApiToken(string name, Guid libraryId, string role, string secretHash, string displayPrefix, Guid? createdBy, DateTime? expiresAt)
    {
        Name = name;
        LibraryId = libraryId;
        Role = role;
        SecretHash = secretHash;
        DisplayPrefix = displayPrefix;
        CreatedByUserId = createdBy;
        ExpiresAt = expiresAt;
    }

    public string Name { get; private set; } = "";

    public Guid LibraryId { get; private set; }

    /// <summary>Staff role whose permissions the token carries (Admin, Cataloguer, Circulation).</summary>
    public string Role { get; private set; } = "";

    public string SecretHash { get; private set; } = "";

    /// <summary>First characters of the secret, to recognise a token in lists without revealing it.</summary>
    public string DisplayPrefix { get; private set; } = "";

    public Guid? CreatedByUserId { get; private set; }

    public DateTime? ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public override string ToAuditLabel() => $"Jeton API {Name} ({DisplayPrefix}…)";

    /// <summary>Creates a token and returns it with its clear secret (to show once).</summary>
    public static (ApiToken Token, string Secret) Create(string name, Guid libraryId, string role, Guid? createdBy, DateTime? expiresAt)
    {
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = new ApiToken(
            name.Trim() is { Length: > 0 and <= 100 } n ? n : throw new ValidationException("name", ValidationError.Required),
            libraryId,
            role,
            Hash(secret),
            secret[..12],
            createdBy,
            expiresAt);
        return (token, secret);
    }

    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);

    public void Revoke(DateTime utcNow) => RevokedAt ??= utcNow;

    public void MarkUsed(DateTime utcNow) => LastUsedAt = utcNow;
}
