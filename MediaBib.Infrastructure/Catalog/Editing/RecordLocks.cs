using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>A record being edited: who holds it, since when, until when (a row of <c>record_edit_locks</c>).</summary>
public sealed class RecordEditLock
{
    public Guid RecordId { get; set; }

    public Guid UserId { get; set; }

    public string UserName { get; set; } = "";

    public DateTime AcquiredAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>The answer to "may I edit this record?": yes (the lock is mine), or who holds it and since when.</summary>
public sealed record RecordLockState(bool Acquired, Guid HolderId, string HolderName, DateTime Since, DateTime ExpiresAt);

/// <summary>
/// Edit locks on records, kept in PostgreSQL so they hold across web nodes. A lock lasts <see cref="Duration"/> from its
/// last renewal (the editor renews it on every save and while the page stays open) and is released on save or when
/// the editor closes; an expired lock is taken over by the next cataloguer. One statement decides, so two cataloguers
/// opening the same record at the same moment cannot both get it.
/// </summary>
public sealed class RecordLocks(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(30);

    /// <summary>Takes or renews the lock for <paramref name="userId"/>; when someone else holds it, says who.</summary>
    public async Task<RecordLockState> AcquireAsync(Guid recordId, Guid userId, string userName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var take = new NpgsqlCommand("""
            INSERT INTO record_edit_locks (record_id, user_id, user_name, acquired_at, expires_at)
            VALUES (@record, @user, @name, @now, @expires)
            ON CONFLICT (record_id) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name,
              acquired_at = CASE WHEN record_edit_locks.user_id = excluded.user_id THEN record_edit_locks.acquired_at ELSE excluded.acquired_at END,
              expires_at = excluded.expires_at
            WHERE record_edit_locks.user_id = excluded.user_id OR record_edit_locks.expires_at <= excluded.acquired_at
            RETURNING acquired_at
            """, connection))
        {
            take.Parameters.AddWithValue("record", recordId);
            take.Parameters.AddWithValue("user", userId);
            take.Parameters.AddWithValue("name", userName.Length > 256 ? userName[..256] : userName);
            take.Parameters.AddWithValue("now", now);
            take.Parameters.AddWithValue("expires", now + Duration);
            if (await take.ExecuteScalarAsync(ct) is DateTime since)
            {
                return new RecordLockState(true, userId, userName, DateTime.SpecifyKind(since, DateTimeKind.Utc), now + Duration);
            }
        }

        var holder = await db.RecordEditLocks.AsNoTracking().SingleAsync(l => l.RecordId == recordId, ct);
        return new RecordLockState(false, holder.UserId, holder.UserName, holder.AcquiredAt, holder.ExpiresAt);
    }

    /// <summary>Who holds the record now (an expired lock counts as none).</summary>
    public async Task<RecordEditLock?> HolderAsync(Guid recordId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RecordEditLocks.AsNoTracking().SingleOrDefaultAsync(l => l.RecordId == recordId && l.ExpiresAt > now, ct);
    }

    /// <summary>Releases the lock if <paramref name="userId"/> holds it.</summary>
    public async Task ReleaseAsync(Guid recordId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.RecordEditLocks.Where(l => l.RecordId == recordId && l.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
