using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Desk;

/// <summary>Whether a waiting hold may still be collected, for the hold shelf's highlighting.</summary>
public enum PickupState
{
    Open,

    /// <summary>Today is the last day to collect it.</summary>
    LastDay,

    /// <summary>The deadline has passed: the expiry job (or staff) will send the item on.</summary>
    Expired,
}

/// <summary>A hold on this library's hold shelf (waiting) or on its way to it (in transit).</summary>
public sealed record ShelfHold(
    Guid HoldId, Guid? ItemId, string? Barcode, string Title, string? CallNumber, Guid? PatronId, string PatronName, string? CardNumber,
    HoldStatus Status, DateTime? WaitingSince, DateOnly? PickupDeadline, PickupState State);

/// <summary>An open transit from or to this library.</summary>
public sealed record TransitLine(Guid TransitId, Guid ItemId, string Barcode, string Title, string From, string To, TransitReason Reason, DateTime SentAt, string? HoldPatronName);

public sealed record RecordMatch(Guid RecordId, string Title, string? Responsibility, int Items);

/// <summary>An active hold of a record, in queue order (waiting and travelling holds first, then the queue).</summary>
public sealed record QueueHold(Guid HoldId, int? Position, Guid? PatronId, string PatronName, string? CardNumber, HoldStatus Status, string PickupLibrary, DateTime RequestedAt, DateOnly? SuspendedUntil);

public sealed record RecordQueue(Guid RecordId, string Title, IReadOnlyList<QueueHold> Holds);

/// <summary>What a hold slip or a transit slip prints for an item in hand.</summary>
public sealed record Slip(
    Guid ItemId, string Barcode, string Title, string? CallNumber, string? PatronName, string? CardNumber, string? PickupLibrary,
    DateOnly? PickupDeadline, string? From, string? To, TransitReason? Reason)
{
    /// <summary>A hold slip names the patron; a transit slip without a hold only names the destination.</summary>
    public bool IsHoldSlip => PatronName is not null;
}

/// <summary>Read queries of the hold shelf and transits page and of the printed slips.</summary>
public sealed class HoldShelfQueries(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    /// <summary>Holds waiting on this library's shelf and holds travelling to it, oldest first.</summary>
    public async Task<IReadOnlyList<ShelfHold>> ShelfAsync(Guid libraryId, CancellationToken ct = default)
    {
        var today = LibraryTime.Today(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (
            from h in db.Holds.AsNoTracking()
            join r in db.Records on h.RecordId equals r.Id
            join p in db.Patrons on h.PatronId equals p.Id
            join i in db.Items on h.ItemId equals i.Id into trapped
            from i in trapped.DefaultIfEmpty()
            where h.PickupLibraryId == libraryId && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.InTransit)
            orderby h.Status descending, h.PickupDeadline, h.RequestedAt
            select new { Hold = h, r.Title, p.LastName, p.FirstName, p.CardNumber, Item = i }).ToListAsync(ct);
        return [.. rows.Select(x => new ShelfHold(
            x.Hold.Id, x.Hold.ItemId, x.Item?.Barcode.Value, x.Title, x.Item?.CallNumber, x.Hold.PatronId, Name(x.LastName, x.FirstName), x.CardNumber.Value,
            x.Hold.Status, x.Hold.WaitingSince, x.Hold.PickupDeadline, State(x.Hold.PickupDeadline, today)))];
    }

    /// <summary>Open transits to this library (incoming) and from it (outgoing), oldest first.</summary>
    public async Task<(IReadOnlyList<TransitLine> Incoming, IReadOnlyList<TransitLine> Outgoing)> TransitsAsync(Guid libraryId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (
            from t in db.Transits.AsNoTracking()
            join i in db.Items on t.ItemId equals i.Id
            join r in db.Records on i.RecordId equals r.Id
            join source in db.Libraries on t.FromLibraryId equals source.Id
            join destination in db.Libraries on t.ToLibraryId equals destination.Id
            join h in db.Holds on t.HoldId equals h.Id into holds
            from h in holds.DefaultIfEmpty()
            join p in db.Patrons on h.PatronId equals p.Id into holders
            from p in holders.DefaultIfEmpty()
            where t.ReceivedAt == null && t.CancelledAt == null && (t.ToLibraryId == libraryId || t.FromLibraryId == libraryId)
            orderby t.SentAt
            select new { t.Id, t.ItemId, i.Barcode, r.Title, From = source.Name, To = destination.Name, t.ToLibraryId, t.Reason, t.SentAt, p.LastName, p.FirstName })
            .ToListAsync(ct);
        var lines = rows.Select(x => (x.ToLibraryId, Line: new TransitLine(x.Id, x.ItemId, x.Barcode.Value, x.Title, x.From, x.To, x.Reason, x.SentAt, Name(x.LastName, x.FirstName)))).ToList();
        return ([.. lines.Where(l => l.ToLibraryId == libraryId).Select(l => l.Line)], [.. lines.Where(l => l.ToLibraryId != libraryId).Select(l => l.Line)]);
    }

    /// <summary>Records by title (accent-insensitive substring or trigram), to place a hold on.</summary>
    public async Task<IReadOnlyList<RecordMatch>> FindRecordsAsync(string term, int max = 20, CancellationToken ct = default)
    {
        var text = term.Trim();
        if (text.Length < 3)
        {
            return [];
        }

        var lowered = text.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Records.AsNoTracking()
            .Select(r => new { Record = r, Title = EF.Property<string>(r, "TitleNormalized"), Term = SearchFunctions.Unaccent(lowered) })
            .Where(x => EF.Functions.ILike(x.Title, "%" + x.Term + "%") || EF.Functions.TrigramsAreWordSimilar(x.Term, x.Title))
            .OrderByDescending(x => EF.Functions.TrigramsWordSimilarity(x.Term, x.Title))
            .ThenBy(x => x.Record.Title)
            .Take(max)
            .Select(x => new RecordMatch(x.Record.Id, x.Record.Title, x.Record.Responsibility, db.Items.Count(i => i.RecordId == x.Record.Id)))
            .ToListAsync(ct);
    }

    /// <summary>The active holds of a record in queue order, or null when there is no such record.</summary>
    public async Task<RecordQueue?> QueueAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var title = await db.Records.AsNoTracking().Where(r => r.Id == recordId).Select(r => r.Title).FirstOrDefaultAsync(ct);
        if (title is null)
        {
            return null;
        }

        var rows = await (
            from h in db.Holds.AsNoTracking()
            join lib in db.Libraries on h.PickupLibraryId equals lib.Id
            join p in db.Patrons on h.PatronId equals p.Id
            where h.RecordId == recordId && Hold.ActiveStatuses.Contains(h.Status)
            select new { Hold = h, Pickup = lib.Name, p.LastName, p.FirstName, p.CardNumber }).ToListAsync(ct);
        var positions = HoldQueue.Positions(rows.Select(r => r.Hold));
        return new RecordQueue(recordId, title, [.. rows
            .OrderBy(r => positions.TryGetValue(r.Hold.Id, out var p) ? p : 0)
            .ThenBy(r => r.Hold.RequestedAt)
            .Select(r => new QueueHold(r.Hold.Id, positions.TryGetValue(r.Hold.Id, out var p) ? p : null, r.Hold.PatronId, Name(r.LastName, r.FirstName),
                r.CardNumber.Value, r.Hold.Status, r.Pickup, r.Hold.RequestedAt, r.Hold.SuspendedUntil))]);
    }

    /// <summary>
    /// The slip of an item in hand: the hold it was trapped for (patron, pickup library, deadline) and/or its open
    /// transit (from, to). Null for an unknown item.
    /// </summary>
    public async Task<Slip?> SlipAsync(Guid itemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var item = await (
            from i in db.Items.AsNoTracking()
            join r in db.Records on i.RecordId equals r.Id
            where i.Id == itemId
            select new { i.Barcode, r.Title, i.CallNumber }).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return null;
        }

        var hold = await (
            from h in db.Holds.AsNoTracking()
            join p in db.Patrons on h.PatronId equals p.Id
            join lib in db.Libraries on h.PickupLibraryId equals lib.Id
            where h.ItemId == itemId && (h.Status == HoldStatus.Waiting || h.Status == HoldStatus.InTransit)
            select new { p.LastName, p.FirstName, p.CardNumber, Pickup = lib.Name, h.PickupDeadline }).FirstOrDefaultAsync(ct);
        var transit = await (
            from t in db.Transits.AsNoTracking()
            join source in db.Libraries on t.FromLibraryId equals source.Id
            join destination in db.Libraries on t.ToLibraryId equals destination.Id
            where t.ItemId == itemId && t.ReceivedAt == null && t.CancelledAt == null
            select new { From = source.Name, To = destination.Name, t.Reason }).FirstOrDefaultAsync(ct);
        return new Slip(itemId, item.Barcode.Value, item.Title, item.CallNumber,
            hold is null ? null : Name(hold.LastName, hold.FirstName), hold?.CardNumber.Value, hold?.Pickup, hold?.PickupDeadline,
            transit?.From, transit?.To, transit?.Reason);
    }

    public static PickupState State(DateOnly? deadline, DateOnly today) => deadline switch
    {
        null => PickupState.Open,
        { } d when d < today => PickupState.Expired,
        { } d when d == today => PickupState.LastDay,
        _ => PickupState.Open,
    };

    private static string Name(string? lastName, string? firstName) =>
        lastName is null ? "—" : $"{lastName.ToUpperInvariant()} {firstName}";
}
