using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>Libraries and item types by code, loaded once per import, with the file's mapping table applied.</summary>
internal sealed class CodeTables
{
    private readonly Dictionary<string, Guid> _libraries;
    private readonly Dictionary<string, Guid> _itemTypes;
    private readonly ItemMapping _mapping;
    private readonly Guid? _defaultLibrary;
    private readonly Guid? _defaultItemType;

    private CodeTables(Dictionary<string, Guid> libraries, Dictionary<string, Guid> itemTypes, ItemMapping mapping)
    {
        _libraries = libraries;
        _itemTypes = itemTypes;
        _mapping = mapping;
        _defaultLibrary = mapping.DefaultLibraryCode is { } l ? Required(libraries, l, "default library") : null;
        _defaultItemType = mapping.DefaultItemTypeCode is { } t ? Required(itemTypes, t, "default item type") : null;
    }

    public static async Task<CodeTables> LoadAsync(IDbContextFactory<MediaBibDbContext> contexts, ItemMapping mapping, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var libraries = (await db.Libraries.AsNoTracking().Select(l => new { l.Code, l.Id }).ToListAsync(ct))
            .ToDictionary(l => l.Code.Value, l => l.Id, StringComparer.OrdinalIgnoreCase);
        var types = await db.ItemTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id, StringComparer.OrdinalIgnoreCase, ct);
        return new CodeTables(libraries, types, mapping);
    }

    public Guid? Library(MappedItem item) =>
        Resolve(item.Owner, _mapping.Libraries, _libraries) ?? Resolve(item.HoldingLibrary, _mapping.Libraries, _libraries) ?? _defaultLibrary;

    public Guid? ItemType(MappedItem item) =>
        Resolve(item.DocumentType, _mapping.ItemTypes, _itemTypes) ?? _defaultItemType;

    private static Guid? Resolve(string? code, IReadOnlyDictionary<string, string> mapping, Dictionary<string, Guid> table)
    {
        if (code is null)
        {
            return null;
        }

        if (mapping.TryGetValue(code, out var mapped) || mapping.TryGetValue(code.Trim(), out mapped))
        {
            return table.TryGetValue(mapped, out var id) ? id : null;
        }

        return table.TryGetValue(code.Trim(), out var direct) ? direct : null;
    }

    private static Guid Required(Dictionary<string, Guid> table, string code, string what) =>
        table.TryGetValue(code, out var id)
            ? id
            : throw new ArgumentException($"The {what} '{code}' does not exist in the catalogue.", nameof(code));
}
