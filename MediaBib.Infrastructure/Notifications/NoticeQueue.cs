using System.Runtime.CompilerServices;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>How the planners store the notices they planned, and whom they can reach.</summary>
internal static class NoticeQueue
{
    private const int SaveChunk = 500;

    /// <summary>
    /// Stores the planned notices in chunks. A chunk that hits an idempotency key already stored (another planner was
    /// faster) is stored again one by one, skipping the notices that exist. Returns how many were created.
    /// </summary>
    public static async Task<int> AddAsync<T>(IDbContextFactory<MediaBibDbContext> dbFactory, IReadOnlyList<T> plans, Action<MediaBibDbContext, T> add, CancellationToken ct)
    {
        var created = 0;
        foreach (var chunk in plans.Chunk(SaveChunk))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                foreach (var plan in chunk)
                {
                    add(db, plan);
                }

                await db.SaveChangesAsync(ct);
                created += chunk.Length;
            }
            catch (Exception ex) when (IsRace(ex))
            {
                foreach (var plan in chunk)
                {
                    try
                    {
                        await using var db = await dbFactory.CreateDbContextAsync(ct);
                        add(db, plan);
                        await db.SaveChangesAsync(ct);
                        created++;
                    }
                    catch (Exception one) when (IsRace(one))
                    {
                        // Already queued.
                    }
                }
            }
        }

        return created;
    }

    /// <summary>
    /// Another planner stored some of these notices first: a unique idempotency key already taken, or a deadlock
    /// between two chunks inserting the same keys in different orders (wrapped or not by EF's execution strategy).
    /// </summary>
    private static bool IsRace(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The channels, in order, that the patron has an address for; the channel the patron chose in the OPAC first.
    /// </summary>
    public static List<NoticeChannel> ReachableChannels(IReadOnlyList<NoticeChannel> channels, Patron patron) =>
        NoticeChannelPreference.Apply([.. channels.Where(c => c switch
        {
            NoticeChannel.Email => !string.IsNullOrWhiteSpace(patron.Email),
            NoticeChannel.Sms => !string.IsNullOrWhiteSpace(patron.Phone),
            NoticeChannel.Letter => !string.IsNullOrWhiteSpace(patron.Address.Street) && !string.IsNullOrWhiteSpace(patron.Address.City),
        })], patron.PreferredNoticeChannel);
}

/// <summary>Keyset pages of patron ids, so planners never hold every patron at once.</summary>
internal static class PatronPages
{
    /// <summary>Patrons with an open loan due in (<paramref name="dueAfter"/>, <paramref name="dueBy"/>], by id.</summary>
    public static async IAsyncEnumerable<List<Guid>> WithOpenLoansAsync(
        IDbContextFactory<MediaBibDbContext> dbFactory, DateTime? dueAfter, DateTime dueBy, int size, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        var from = dueAfter ?? new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        while (true)
        {
            List<Guid> page;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                page = await db.Database.SqlQuery<Guid>($"""
                    SELECT DISTINCT patron_id AS "Value" FROM loans
                    WHERE returned_at IS NULL AND patron_id > {after} AND due_at > {from} AND due_at <= {dueBy}
                    ORDER BY patron_id
                    LIMIT {size}
                    """).ToListAsync(ct);
            }

            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            after = page[^1];
        }
    }
}
