using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>One line of a patron's notification log as staff see it in the patron file.</summary>
public sealed record NoticeLogLine(
    Guid Id, DateTime CreatedAt, NoticeKind Kind, int Level, NoticeChannel Channel, NoticeStatus Status, int Attempts,
    DateTime? SentAt, string? Subject, string? Recipient, string? LastError, int ItemCount);

/// <summary>The notices sent (or tried) to a patron, newest first.</summary>
public sealed class NoticeLog(IDbContextFactory<MediaBibDbContext> factory)
{
    public const int DefaultLimit = 50;

    public async Task<IReadOnlyList<NoticeLogLine>> ForPatronAsync(Guid patronId, int limit = DefaultLimit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.PatronId == patronId)
            .OrderByDescending(n => n.CreatedAt)
            .Take(limit)
            .ToListAsync(ct);
        return [.. notices.Select(n => new NoticeLogLine(n.Id, n.CreatedAt, n.Kind, n.Level, n.Channel, n.Status, n.Attempts,
            n.SentAt, n.Subject, n.Recipient, n.LastError, n.Items.Count))];
    }
}
