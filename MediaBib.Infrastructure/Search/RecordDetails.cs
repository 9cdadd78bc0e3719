using MediaBib.Domain.Catalog;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Search.Caching;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Search;

/// <summary>What a record page shows: the description, its authors and subjects, and every copy as of now.</summary>
/// <remarks>
/// <para><c>ActiveHolds</c>: Holds still in the queue, travelling or waiting on a hold shelf.</para>
/// </remarks>
public sealed record RecordDetails(
    Guid Id,
    RecordType Type,
    string Title,
    string? Subtitle,
    string? Responsibility,
    string? Isbn,
    string? Issn,
    int? PublicationYear,
    string? Publisher,
    string? PlaceOfPublication,
    string? Edition,
    string? Series,
    string? Language,
    string? PhysicalDescription,
    string? Summary,
    string? Classification,
    string? CoverUrl,
    DateTime CreatedAt,
    IReadOnlyList<RecordAuthorDetails> Authors,
    IReadOnlyList<RecordSubjectDetails> Subjects,
    IReadOnlyList<ItemDetails> Items,
    int ActiveHolds);

public sealed record RecordAuthorDetails(Guid AuthorId, string Name, string? Dates, string? Role);

public sealed record RecordSubjectDetails(Guid SubjectId, string Label, SubjectKind Kind);

/// <summary>A copy: where it is, its call number, its status and, when lent, its due date.</summary>
/// <remarks>
/// <para><c>IsAvailable</c>: Status Available and no open loan, the same rule as in search results.</para>
/// </remarks>
public sealed record ItemDetails(
    Guid ItemId,
    string Barcode,
    Guid LibraryId,
    string LibraryName,
    string? SectionName,
    string? CallNumber,
    ItemStatus Status,
    DateTime? DueAt,
    bool IsAvailable);

/// <summary>Loads a record page: the description (cached long) and the copies with holds (cached briefly, dropped by circulation).</summary>
public sealed class RecordDetailsQuery(IDbContextFactory<MediaBibDbContext> contexts, FragmentCache? cache = null)
{
    private static readonly ItemStatus[] OutOfCollection = [ItemStatus.Withdrawn, ItemStatus.Lost];

    /// <summary>Null when there is no such record.</summary>
    public async Task<RecordDetails?> GetAsync(Guid recordId, CancellationToken ct = default)
    {
        Guid[] ids = [recordId];
        var description = cache is null
            ? await LoadDescriptionAsync(ids, ct)
            : await cache.GetManyAsync(FragmentKind.RecordDescription, ids, LoadDescriptionAsync, ct);
        if (!description.TryGetValue(recordId, out var record))
        {
            return null;
        }

        var copies = cache is null
            ? await LoadCopiesAsync(ids, ct)
            : await cache.GetManyAsync(FragmentKind.RecordCopies, ids, LoadCopiesAsync, ct);
        var current = copies.GetValueOrDefault(recordId) ?? new RecordCopies([], 0);
        return record with { Items = current.Items, ActiveHolds = current.ActiveHolds };
    }

    private async Task<Dictionary<Guid, RecordDetails>> LoadDescriptionAsync(Guid[] ids, CancellationToken ct)
    {
        var recordId = ids.Single();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Records.AsNoTracking()
            .Include(r => r.Authors).ThenInclude(a => a.Author)
            .Include(r => r.Subjects).ThenInclude(s => s.Subject)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null)
        {
            return [];
        }

        return new Dictionary<Guid, RecordDetails>
        {
            [recordId] = new RecordDetails(
                record.Id, record.Type, record.Title, record.Subtitle, record.Responsibility, record.Isbn?.Value, record.Issn,
                record.PublicationYear, record.Publisher, record.PlaceOfPublication, record.Edition, record.Series, record.Language,
                record.PhysicalDescription, record.Summary, record.Classification, record.CoverUrl, record.CreatedAt,
                record.Authors.OrderBy(a => a.Position).Select(a => new RecordAuthorDetails(a.AuthorId, a.Author.Name, a.Author.Dates, a.Role)).ToList(),
                record.Subjects.Select(s => new RecordSubjectDetails(s.SubjectId, s.Subject.Label, s.Subject.Kind)).OrderBy(s => s.Label, StringComparer.Ordinal).ToList(),
                [],
                0),
        };
    }

    private async Task<Dictionary<Guid, RecordCopies>> LoadCopiesAsync(Guid[] ids, CancellationToken ct)
    {
        var recordId = ids.Single();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var items = await (
                from i in db.Items.AsNoTracking()
                where i.RecordId == recordId && !OutOfCollection.Contains(i.Status)
                join l in db.Libraries on i.CurrentLibraryId equals l.Id
                join s in db.Sections on i.SectionId equals s.Id into sections
                from s in sections.DefaultIfEmpty()
                orderby l.Name, i.CallNumber, i.Barcode
                select new
                {
                    i.Id, i.Barcode, LibraryId = l.Id, LibraryName = l.Name, SectionName = s == null ? null : s.Name, i.CallNumber, i.Status,
                    DueAt = db.Loans.Where(lo => lo.ItemId == i.Id && lo.ReturnedAt == null).Select(lo => (DateTime?)lo.DueAt).FirstOrDefault(),
                })
            .ToListAsync(ct);
        var holds = await db.Holds.CountAsync(h => h.RecordId == recordId && Hold.ActiveStatuses.Contains(h.Status), ct);
        var copies = items.Select(i => new ItemDetails(
            i.Id, i.Barcode.Value, i.LibraryId, i.LibraryName, i.SectionName, i.CallNumber, i.Status, i.DueAt,
            i.Status == ItemStatus.Available && i.DueAt is null)).ToList();
        return new Dictionary<Guid, RecordCopies> { [recordId] = new RecordCopies(copies, holds) };
    }

    /// <summary>The part of a record page that circulation changes.</summary>
    internal sealed record RecordCopies(IReadOnlyList<ItemDetails> Items, int ActiveHolds);
}
