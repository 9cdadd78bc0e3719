using MediaBib.Domain.Audit;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

/// <summary>Filters of the audit log page; every field is optional. Dates are UTC instants, <c>To</c> exclusive.</summary>
public sealed record AuditFilter
{
    /// <summary>Matches the actor's name (contains, case-insensitive).</summary>
    public string? Actor { get; init; }

    public Guid? UserId { get; init; }

    /// <summary>Action code, e.g. <c>login_failed</c>.</summary>
    public string? Action { get; init; }

    public AuditSeverity? Severity { get; init; }

    public Guid? LibraryId { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? ObjectType { get; init; }

    public Guid? ObjectId { get; init; }
}

public sealed record AuditRow(
    Guid Id, DateTime OccurredAt, string Actor, string ActorKind, string Action, AuditSeverity Severity,
    string? ObjectType, Guid? ObjectId, string? ObjectLabel, string[] ChangedFields, string? Message,
    string? Ip, Guid? LibraryId, string? Before, string? After);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>
/// Reads the audit log, newest first, with server-side paging. The audit page uses <see cref="SearchAsync"/>; record,
/// item and patron pages show "history of this object" through <see cref="HistoryAsync"/>.
/// </summary>
public sealed class AuditLogQueries(IDbContextFactory<MediaBibDbContext> factory)
{
    public const int MaxPageSize = 200;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Apply(db.AuditEntries.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(a => new AuditRow(
                a.Id, a.OccurredAt, a.Actor, a.ActorKind, a.Action, a.Severity, a.ObjectType, a.ObjectId, a.ObjectLabel,
                a.ChangedFields, a.Message, a.Ip, a.LibraryId, a.Before, a.After))
            .ToListAsync(ct);
        return new AuditPage(rows, total);
    }

    /// <summary>The history of one object, newest first.</summary>
    public Task<AuditPage> HistoryAsync(string objectType, Guid objectId, int page = 0, int pageSize = 50, CancellationToken ct = default) =>
        SearchAsync(new AuditFilter { ObjectType = objectType, ObjectId = objectId }, page, pageSize, ct);

    /// <summary>Distinct object types present in the log (for the filter's list).</summary>
    public async Task<IReadOnlyList<string>> ObjectTypesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(a => a.ObjectType != null).Select(a => a.ObjectType!).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter f)
    {
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            var pattern = "%" + f.Actor.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.ILike(a.Actor, pattern));
        }

        if (f.UserId is { } user)
        {
            query = query.Where(a => a.UserId == user);
        }

        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            query = query.Where(a => a.Action == f.Action);
        }

        if (f.Severity is { } severity)
        {
            query = query.Where(a => a.Severity == severity);
        }

        if (f.LibraryId is { } library)
        {
            query = query.Where(a => a.LibraryId == library);
        }

        if (f.From is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (f.To is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        if (!string.IsNullOrWhiteSpace(f.ObjectType))
        {
            query = query.Where(a => a.ObjectType == f.ObjectType);
        }

        if (f.ObjectId is { } id)
        {
            query = query.Where(a => a.ObjectId == id);
        }

        return query;
    }
}
