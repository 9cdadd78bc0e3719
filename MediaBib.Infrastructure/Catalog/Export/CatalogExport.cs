using System.Globalization;
using System.Xml;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Catalog.Export;

public enum ExportFormat
{
    Iso2709,

    /// <summary>MARCXML (<c>http://www.loc.gov/MARC21/slim</c>) collection, as Koha exports, also for UNIMARC.</summary>
    MarcXml,
}

public sealed record ExportOptions
{
    public ExportFormat Format { get; init; } = ExportFormat.Iso2709;

    /// <summary>The records to export; null exports the whole catalogue.</summary>
    public IReadOnlyCollection<Guid>? RecordIds { get; init; }

    /// <summary>Flavour of records built from the mapped fields (records with no stored MARC record).</summary>
    public MarcFlavour FlavourForRecordsWithoutMarc { get; init; } = MarcFlavour.Unimarc;

    /// <summary>Records read per query; memory stays bounded by one page.</summary>
    public int PageSize { get; init; } = 500;
}

/// <param name="RecordId">The record left out.</param>
/// <param name="Reason">Why it cannot be written (too long for ISO 2709, a character XML forbids…).</param>
public sealed record ExportFailure(Guid RecordId, string Reason);

public sealed record ExportSummary(long Records, long Items, IReadOnlyList<ExportFailure> Failures);

/// <summary>
/// Streams records as ISO 2709 or MARCXML: the stored MARC record (or one built from the mapped fields) with the item
/// fields regenerated from the current items. Pages through records by id without tracking; one page in memory at a time.
/// Written with asynchronous writes only, so it can target an HTTP response body. Audited as <c>export</c>.
/// </summary>
public sealed class CatalogExport(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public async Task<ExportSummary> ExportAsync(Stream output, ExportOptions options, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);

        var ct = cancellationToken;
        var today = clock.GetUtcNow().UtcDateTime;
        Dictionary<Guid, string> libraries;
        Dictionary<Guid, string> itemTypes;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            libraries = (await db.Libraries.AsNoTracking().Select(l => new { l.Id, l.Code }).ToListAsync(ct)).ToDictionary(l => l.Id, l => l.Code.Value);
            itemTypes = await db.ItemTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        }

        var selection = options.RecordIds?.Distinct().Order().ToArray();
        var buffer = new MemoryStream();
        var xml = options.Format == ExportFormat.MarcXml ? new MarcXmlWriter(buffer) : null;
        var failures = new List<ExportFailure>();
        long records = 0;
        long items = 0;
        var position = 0;
        Guid? after = null;
        try
        {
            while (true)
            {
                List<Record> page;
                Dictionary<Guid, List<ExportItem>> itemsByRecord;
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    IQueryable<Record> query;
                    if (selection is not null)
                    {
                        var chunk = selection.Skip(position).Take(options.PageSize).ToArray();
                        position += chunk.Length;
                        if (chunk.Length == 0)
                        {
                            break;
                        }

                        query = db.Records.Where(r => chunk.Contains(r.Id));
                    }
                    else
                    {
                        query = after is { } last
                            ? db.Records.FromSql($"SELECT * FROM records WHERE id > {last}")
                            : db.Records;
                    }

                    page = await query.AsNoTracking().OrderBy(r => r.Id).Take(options.PageSize).ToListAsync(ct);
                    if (page.Count == 0)
                    {
                        if (selection is null)
                        {
                            break;
                        }

                        continue;
                    }

                    after = page[^1].Id;
                    var ids = page.Select(r => r.Id).ToArray();
                    var withoutMarc = page.Where(r => r.Marc is null).Select(r => r.Id).ToArray();
                    if (withoutMarc.Length > 0)
                    {
                        // Authors and subjects are needed only to build a record; reload those few with them.
                        var built = await db.Records.AsNoTracking().AsSplitQuery()
                            .Include(r => r.Authors).ThenInclude(a => a.Author)
                            .Include(r => r.Subjects).ThenInclude(s => s.Subject)
                            .Where(r => withoutMarc.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
                        page = [.. page.Select(r => built.GetValueOrDefault(r.Id, r))];
                    }

                    itemsByRecord = (await db.Items.AsNoTracking().Where(i => ids.Contains(i.RecordId))
                            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                            .Select(i => new { i.RecordId, i.Barcode, i.HomeLibraryId, i.CurrentLibraryId, i.CallNumber, i.InventoryNumber, i.ItemTypeId })
                            .ToListAsync(ct))
                        .GroupBy(i => i.RecordId)
                        .ToDictionary(g => g.Key, g => g.Select(i => new ExportItem(
                            i.Barcode.Value, libraries.GetValueOrDefault(i.HomeLibraryId), libraries.GetValueOrDefault(i.CurrentLibraryId),
                            i.CallNumber, i.InventoryNumber, itemTypes.GetValueOrDefault(i.ItemTypeId))).ToList());
                }

                foreach (var record in page)
                {
                    var recordItems = itemsByRecord.GetValueOrDefault(record.Id) ?? [];
                    try
                    {
                        var marc = ToMarc(record, recordItems, options.FlavourForRecordsWithoutMarc, today);
                        if (xml is not null)
                        {
                            CheckXmlText(marc);
                            xml.Write(marc);
                        }
                        else
                        {
                            buffer.Write(Iso2709Writer.ToBytes(marc));
                        }

                        records++;
                        items += recordItems.Count;
                    }
                    catch (Exception e) when (e is MarcWriteException or XmlException or FormatException)
                    {
                        failures.Add(new ExportFailure(record.Id, e.Message));
                    }
                }

                await DrainAsync(buffer, output, ct);
            }
        }
        finally
        {
            xml?.Dispose();
        }

        await DrainAsync(buffer, output, ct);
        await output.FlushAsync(ct);

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Actor = actor;
            db.RecordAction(AuditAction.Export, null,
                string.Create(CultureInfo.InvariantCulture, $"Export MARC ({options.Format}) : {records} notices, {items} exemplaires, {failures.Count} en échec"),
                details: new
                {
                    format = options.Format.ToString(),
                    selection = selection is null ? "catalogue" : "selection",
                    requested = selection?.Length,
                    records,
                    items,
                    failed = failures.Count,
                });
            await db.SaveChangesAsync(ct);
        }

        return new ExportSummary(records, items, failures);
    }

    /// <summary>The stored MARC record (or one built from the mapped fields) with the item fields rebuilt from the current items.</summary>
    public static MarcRecord ToMarc(Record record, IEnumerable<ExportItem> items, MarcFlavour flavourWithoutMarc, DateTime today)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Marc is { } json)
        {
            return MarcBuilder.WithItems(MarcJson.Deserialize(json), record.MarcFlavour ?? MarcFlavourDetector.Detect(MarcJson.Deserialize(json)), items);
        }

        return MarcBuilder.WithItems(MarcBuilder.FromRecord(record, flavourWithoutMarc, today), flavourWithoutMarc, items);
    }

    /// <summary>Refuses a record before any of it is written when XML cannot carry its text (control characters).</summary>
    private static void CheckXmlText(MarcRecord record)
    {
        XmlConvert.VerifyXmlChars(record.Leader);
        foreach (var field in record.Fields)
        {
            switch (field)
            {
                case MarcControlField c:
                    XmlConvert.VerifyXmlChars(c.Data);
                    break;
                case MarcDataField d:
                    foreach (var s in d.Subfields)
                    {
                        XmlConvert.VerifyXmlChars(s.Value);
                    }

                    break;
            }
        }
    }

    private static async Task DrainAsync(MemoryStream buffer, Stream output, CancellationToken ct)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }
}
