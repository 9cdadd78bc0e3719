using System.Security.Cryptography;
using System.Text;
using MediaBib.Domain.Common;

namespace MediaBib.Infrastructure.Rfid;

/// <summary>
/// An RFID pad at a circulation desk: the device key its agent connects with, bound to one library and one desk
/// (its name, e.g. « Banque de prêt 1 »). Only a SHA-256 hash of the key is stored; the key is shown once.
/// </summary>
public sealed class RfidPad : Entity
{
    public const string KeyPrefix = "mbr_";
    public const int DeskNameMaxLength = 100;

    private RfidPad()
    {
    }

    private RfidPad(Guid libraryId, string deskName, string secretHash, string displayPrefix, Guid? createdBy)
    {
        LibraryId = libraryId;
        DeskName = deskName;
        SecretHash = secretHash;
        DisplayPrefix = displayPrefix;
        CreatedByUserId = createdBy;
    }

    public Guid LibraryId { get; private set; }

    /// <summary>The desk (workstation) the pad lies on; staff pick it on the desk page.</summary>
    public string DeskName { get; private set; } = "";

    public string SecretHash { get; private set; } = "";

    /// <summary>First characters of the key, to recognise it in lists without revealing it.</summary>
    public string DisplayPrefix { get; private set; } = "";

    public Guid? CreatedByUserId { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public override string ToAuditLabel() => $"Platine RFID {DeskName} ({DisplayPrefix}…)";

    /// <summary>Creates a pad and returns it with its clear key (to show once).</summary>
    public static (RfidPad Pad, string Key) Create(Guid libraryId, string deskName, Guid? createdBy)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var name = deskName.Trim() is { Length: > 0 and <= DeskNameMaxLength } n
            ? n
            : throw new ValidationException("deskName", ValidationError.Required);
        return (new RfidPad(libraryId, name, Hash(key), key[..12], createdBy), key);
    }

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTime utcNow) => RevokedAt ??= utcNow;
}
