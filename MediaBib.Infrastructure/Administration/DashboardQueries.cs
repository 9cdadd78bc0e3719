using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

public sealed record NetworkCounts(int Libraries, int Patrons, int Items);

public sealed record LibraryOption(Guid Id, string Code, string Name);

public sealed record ItemTypeOption(Guid Id, string Code, string Label);

/// <summary>Small read queries for the home page and the app bar.</summary>
public sealed class DashboardQueries(IDbContextFactory<MediaBibDbContext> factory)
{
    public async Task<NetworkCounts> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new NetworkCounts(
            await db.Libraries.CountAsync(ct),
            await db.Patrons.CountAsync(ct),
            await db.Items.CountAsync(ct));
    }

    public async Task<IReadOnlyList<LibraryOption>> LibrariesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Libraries.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Code, l.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new LibraryOption(r.Id, r.Code.Value, r.Name))];
    }

    public async Task<IReadOnlyList<ItemTypeOption>> ItemTypesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ItemTypes.AsNoTracking().OrderBy(t => t.Label).Select(t => new ItemTypeOption(t.Id, t.Code, t.Label)).ToListAsync(ct);
    }
}
