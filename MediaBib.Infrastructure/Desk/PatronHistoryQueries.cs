using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Desk;

/// <summary>One audit entry as the patron file's history shows it (no address or browser: those stay in the full log).</summary>
public sealed record PatronHistoryLine(
    DateTime OccurredAt, string Actor, string ActorKind, string Action, string? ObjectType, string? ObjectLabel, string? Message, string[] ChangedFields);

public sealed record PatronHistoryPage(IReadOnlyList<PatronHistoryLine> Lines, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The history of a patron at the desk: what the audit log holds about the patron and about their loans, holds,
/// fines (with payments and waivers) and notices, newest first, a page at a time. Each part is looked up by object
/// type and id so the <c>(object_type, object_id, occurred_at)</c> index answers it.
/// </summary>
public sealed class PatronHistoryQueries(IDbContextFactory<MediaBibDbContext> contexts)
{
    public const int DefaultPageSize = 20;

    public async Task<PatronHistoryPage> PageAsync(Guid patronId, int page = 0, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 0);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loans = db.Loans.Where(l => l.PatronId == patronId).Select(l => (Guid?)l.Id);
        var holds = db.Holds.Where(h => h.PatronId == patronId).Select(h => (Guid?)h.Id);
        var fines = db.Fines.Where(f => f.PatronId == patronId).Select(f => (Guid?)f.Id);
        var payments = db.FinePayments.Where(p => fines.Contains(p.FineId)).Select(p => (Guid?)p.Id);
        var notices = db.Notices.Where(n => n.PatronId == patronId).Select(n => (Guid?)n.Id);
        var query = db.AuditEntries.AsNoTracking().Where(a =>
            (a.ObjectType == nameof(Patron) && a.ObjectId == patronId)
            || (a.ObjectType == nameof(Loan) && loans.Contains(a.ObjectId))
            || (a.ObjectType == nameof(Hold) && holds.Contains(a.ObjectId))
            || (a.ObjectType == nameof(Fine) && fines.Contains(a.ObjectId))
            || (a.ObjectType == nameof(FinePayment) && payments.Contains(a.ObjectId))
            || (a.ObjectType == nameof(Notice) && notices.Contains(a.ObjectId)));
        var total = await query.CountAsync(ct);
        var lines = await query
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(a => new PatronHistoryLine(a.OccurredAt, a.Actor, a.ActorKind, a.Action, a.ObjectType, a.ObjectLabel, a.Message, a.ChangedFields))
            .ToListAsync(ct);
        return new PatronHistoryPage(lines, total, page, pageSize);
    }
}
