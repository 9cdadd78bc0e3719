namespace MediaBib.Web.Security;

/// <summary>
/// Where a request comes from, as the audit log records it. Interactive circuits have no HttpContext after they
/// start, so the origin of the request that opened the circuit is handed to it (see App.razor and Routes.razor).
/// </summary>
public sealed record RequestOrigin(string? Ip, string? UserAgent, string? RequestId)
{
    public static RequestOrigin From(HttpContext context) => new(
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString(),
        context.TraceIdentifier);
}

/// <summary>Circuit-scoped holder of the origin of the request that opened the circuit.</summary>
public sealed class CircuitOrigin
{
    public RequestOrigin? Value { get; set; }
}
