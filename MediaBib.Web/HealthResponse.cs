using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaBib.Web;

/// <summary>Writes /health as JSON: overall status and one entry per dependency (PostgreSQL, Redis).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
