using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Api;

/// <summary>A page of a list: items, the page asked, its size and the total count.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static async Task<PageOf<T>> PageAsync<T>(IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new PageOf<T>(items, number, size, total);
    }
}
