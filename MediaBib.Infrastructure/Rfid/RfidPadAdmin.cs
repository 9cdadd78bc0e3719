using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Rfid;

public sealed record RfidPadRow(Guid Id, string DeskName, Guid LibraryId, string Library, string DisplayPrefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>A new pad: its id and the clear device key, shown to the administrator once and never stored.</summary>
public sealed record CreatedRfidPad(Guid Id, string Key);

/// <summary>Who a valid device key belongs to.</summary>
public sealed record RfidPadIdentity(Guid PadId, Guid LibraryId, string DeskName);

/// <summary>RFID pads as administrators manage them (create with the key shown once, list, revoke; audited) and as the hub checks keys.</summary>
public sealed class RfidPadAdmin(IDbContextFactory<MediaBibDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<RfidPadRow>> ListAsync(Guid? libraryId = null, bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RfidPads.AsNoTracking()
            .Where(p => libraryId == null || p.LibraryId == libraryId)
            .Where(p => !activeOnly || p.RevokedAt == null)
            .Join(db.Libraries, p => p.LibraryId, l => l.Id, (p, l) => new { p, l.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.p.DeskName)
            .Select(x => new RfidPadRow(x.p.Id, x.p.DeskName, x.p.LibraryId, x.Name, x.p.DisplayPrefix, x.p.CreatedAt, x.p.RevokedAt))
            .ToListAsync(ct);
    }

    public Task<AdminResult<CreatedRfidPad>> CreateAsync(Actor actor, Guid libraryId, string deskName, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            if (!await db.Libraries.AnyAsync(l => l.Id == libraryId, ct))
            {
                throw new Domain.Common.ValidationException("library", Domain.Common.ValidationError.Required);
            }

            var (pad, key) = RfidPad.Create(libraryId, deskName, actor.UserId);
            db.RfidPads.Add(pad);
            db.RecordAction(AuditAction.RfidPadKeyCreated, pad, $"Platine RFID « {pad.DeskName} »");
            await db.SaveChangesAsync(ct);
            return new CreatedRfidPad(pad.Id, key);
        }, duplicateField: "deskName");

    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (await db.RfidPads.FirstOrDefaultAsync(p => p.Id == id, ct) is { RevokedAt: null } pad)
        {
            pad.Revoke(clock.GetUtcNow().UtcDateTime);
            db.RecordAction(AuditAction.RfidPadKeyRevoked, pad, $"Platine RFID « {pad.DeskName} » révoquée");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The pad a device key opens, or null for an unknown or revoked key.</summary>
    public async Task<RfidPadIdentity?> AuthenticateAsync(string key, CancellationToken ct = default)
    {
        if (!key.StartsWith(RfidPad.KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = RfidPad.Hash(key);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RfidPads.AsNoTracking()
            .Where(p => p.SecretHash == hash && p.RevokedAt == null)
            .Select(p => new RfidPadIdentity(p.Id, p.LibraryId, p.DeskName))
            .SingleOrDefaultAsync(ct);
    }
}
