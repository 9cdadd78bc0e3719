using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.ApiAccess;

public sealed record ApiTokenRow(
    Guid Id, string Name, string Library, string Role, string DisplayPrefix, DateTime CreatedAt, DateTime? ExpiresAt,
    DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A new token: its id and the clear secret, shown to the administrator once and never stored.</summary>
public sealed record CreatedApiToken(Guid Id, string Secret);

/// <summary>API tokens as administrators manage them: create (secret shown once), list, revoke. All audited.</summary>
public sealed class ApiTokenAdmin(IDbContextFactory<MediaBibDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking()
            .Join(db.Libraries, t => t.LibraryId, l => l.Id, (t, l) => new { t, l.Name })
            .OrderByDescending(x => x.t.CreatedAt)
            .Select(x => new ApiTokenRow(x.t.Id, x.t.Name, x.Name, x.t.Role, x.t.DisplayPrefix, x.t.CreatedAt, x.t.ExpiresAt, x.t.LastUsedAt, x.t.RevokedAt))
            .ToListAsync(ct);
    }

    public Task<AdminResult<CreatedApiToken>> CreateAsync(
        Actor actor, string name, Guid libraryId, string role, DateOnly? expiresOn, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            if (!StaffRoles.All.Contains(role))
            {
                throw new ValidationException("role", ValidationError.InvalidFormat);
            }

            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            if (!await db.Libraries.AnyAsync(l => l.Id == libraryId, ct))
            {
                throw new ValidationException("library", ValidationError.Required);
            }

            var expiresAt = expiresOn?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
            if (expiresAt is { } expiry && expiry <= clock.GetUtcNow().UtcDateTime)
            {
                throw new ValidationException("expiresOn", ValidationError.OutOfRange);
            }

            var (token, secret) = ApiToken.Create(name, libraryId, role, actor.UserId, expiresAt);
            db.ApiTokens.Add(token);
            db.RecordAction(AuditAction.ApiTokenCreated, token, $"Jeton « {token.Name} » ({role})");
            await db.SaveChangesAsync(ct);
            return new CreatedApiToken(token.Id, secret);
        }, duplicateField: "name");

    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct) is { RevokedAt: null } token)
        {
            token.Revoke(clock.GetUtcNow().UtcDateTime);
            db.RecordAction(AuditAction.ApiTokenRevoked, token, $"Jeton « {token.Name} » révoqué");
            await db.SaveChangesAsync(ct);
        }
    }
}
