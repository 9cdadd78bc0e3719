using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>An item of the record as the editor lists it.</summary>
public sealed record RecordItemRow(
    Guid Id, string Barcode, string? CallNumber, Guid LibraryId, string Library, Guid? SectionId, string? Section,
    Guid ItemTypeId, string ItemType, ItemStatus Status);

/// <summary>What the cataloguer enters for an item.</summary>
public sealed record RecordItemInput(string Barcode, string? CallNumber, Guid LibraryId, Guid? SectionId, Guid ItemTypeId);

/// <summary>Choices of the item form: libraries with their sections, and item types.</summary>
public sealed record ItemChoices(IReadOnlyList<LibraryChoice> Libraries, IReadOnlyList<Choice> ItemTypes);

public sealed record LibraryChoice(Guid Id, string Name, IReadOnlyList<Choice> Sections);

public sealed record Choice(Guid Id, string Label);

/// <summary>Why an item could not be saved.</summary>
public enum ItemSaveRefusal
{
    BarcodeInvalid,
    BarcodeTaken,
    NotFound,
    SectionNotInLibrary,
}

public sealed record ItemSaveResult(Guid? ItemId, ItemSaveRefusal? Refusal);

/// <summary>
/// The items of a record in the editor: list, add with barcode, call number, library, section and type, and edit.
/// Plain EF changes, so the audit interceptor records each one with its before/after like any other item change.
/// </summary>
public sealed class RecordItems(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<RecordItemRow>> ListAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (
            from i in db.Items.AsNoTracking()
            where i.RecordId == recordId
            join l in db.Libraries on i.HomeLibraryId equals l.Id
            join t in db.ItemTypes on i.ItemTypeId equals t.Id
            from s in db.Sections.Where(s => s.Id == i.SectionId).DefaultIfEmpty()
            orderby i.Barcode
            select new RecordItemRow(i.Id, i.Barcode.Value, i.CallNumber, l.Id, l.Name, i.SectionId, s == null ? null : s.Name, t.Id, t.Label, i.Status))
            .ToListAsync(ct);
    }

    public async Task<ItemChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var libraries = await db.Libraries.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.LibraryId, s.Name }).ToListAsync(ct);
        var types = await db.ItemTypes.AsNoTracking().OrderBy(t => t.Label).Select(t => new Choice(t.Id, t.Label)).ToListAsync(ct);
        return new ItemChoices(
            [.. libraries.Select(l => new LibraryChoice(l.Id, l.Name, [.. sections.Where(s => s.LibraryId == l.Id).Select(s => new Choice(s.Id, s.Name))]))],
            types);
    }

    /// <summary>Adds an item (<paramref name="itemId"/> null) or changes one; the barcode is unique in the network.</summary>
    public async Task<ItemSaveResult> SaveAsync(Guid recordId, Guid? itemId, RecordItemInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Barcode.TryFrom(input.Barcode, out var barcode))
        {
            return new ItemSaveResult(itemId, ItemSaveRefusal.BarcodeInvalid);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (input.SectionId is { } sectionId && !await db.Sections.AnyAsync(s => s.Id == sectionId && s.LibraryId == input.LibraryId, ct))
        {
            return new ItemSaveResult(itemId, ItemSaveRefusal.SectionNotInLibrary);
        }

        if (await db.Items.AnyAsync(i => i.Barcode == barcode && i.Id != itemId, ct))
        {
            return new ItemSaveResult(itemId, ItemSaveRefusal.BarcodeTaken);
        }

        Item item;
        if (itemId is { } id)
        {
            var existing = await db.Items.SingleOrDefaultAsync(i => i.Id == id && i.RecordId == recordId, ct);
            if (existing is null)
            {
                return new ItemSaveResult(id, ItemSaveRefusal.NotFound);
            }

            item = existing;
            item.ChangeBarcode(barcode);
            item.ChangeType(input.ItemTypeId);
            item.MoveHome(input.LibraryId);
        }
        else
        {
            item = new Item(recordId, input.LibraryId, input.ItemTypeId, barcode);
            item.SetStatus(ItemStatus.Available, clock.GetUtcNow().UtcDateTime);
            db.Items.Add(item);
        }

        item.Place(input.SectionId, input.SectionId == item.SectionId ? item.ShelfId : null, Import.CatalogImport.Fit(input.CallNumber, 100));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new ItemSaveResult(itemId, ItemSaveRefusal.BarcodeTaken);
        }

        return new ItemSaveResult(item.Id, null);
    }
}
