using System.Collections.Concurrent;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Catalog.Import;

namespace MediaBib.Web.Catalogue;

/// <summary>
/// Finished import reports kept in memory for an hour so their CSV can be downloaded, by the member of staff who ran
/// the import only. A report is in the memory of the node that ran the import (sticky sessions keep the browser there).
/// </summary>
public sealed class ImportReports(TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (string Owner, ImportReport Report, DateTimeOffset Until)> _reports = new();

    public Guid Keep(string owner, ImportReport report)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _reports.Where(r => r.Value.Until < now).Select(r => r.Key).ToList())
        {
            _reports.TryRemove(old, out _);
        }

        var id = Guid.CreateVersion7();
        _reports[id] = (owner, report, now + KeptFor);
        return id;
    }

    public ImportReport? Find(Guid id, string? owner) =>
        _reports.TryGetValue(id, out var kept) && kept.Owner == owner && kept.Until >= clock.GetUtcNow() ? kept.Report : null;

    /// <summary>The download link of a kept report.</summary>
    public static string CsvPath(Guid id) => $"/catalogue/import/rapport/{id}";
}

public static class CatalogueEndpoints
{
    /// <summary><c>GET /catalogue/import/rapport/{id}</c>: the CSV of an import report (cataloguing permission, owner only).</summary>
    public static IEndpointRouteBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/catalogue/import/rapport/{id:guid}", async (Guid id, HttpContext http, ImportReports reports) =>
        {
            if (reports.Find(id, http.User.Identity?.Name) is not { } report)
            {
                return Results.NotFound();
            }

            var name = Path.GetFileNameWithoutExtension(report.SourceName ?? "import");
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"rapport-{SafeName(name)}.csv\"";
            await report.WriteCsvAsync(http.Response.Body, http.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(Permission.RecordsCreate.PolicyName());
        return app;
    }

    private static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(60)]);
}
