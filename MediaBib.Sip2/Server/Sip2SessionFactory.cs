using System.Net;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Session;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2.Server;

/// <summary>
/// Creates one session per connection. The library comes from the caller's registration of
/// <see cref="ISip2Library"/>; without one the worker still starts, reports offline in 98 and refuses logins.
/// </summary>
public sealed class Sip2SessionFactory
{
    private readonly ISip2Library? _library;
    private readonly Sip2Options _options;
    private readonly Sip2Date _dates;
    private readonly TimeProvider _time;
    private readonly ILogger<Sip2Session> _logger;

    public Sip2SessionFactory(IServiceProvider services, IOptions<Sip2Options> options, TimeProvider time, ILogger<Sip2Session> logger)
    {
        _library = services.GetService<ISip2Library>();
        _options = options.Value;
        _dates = new Sip2Date(TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone));
        _time = time;
        _logger = logger;
    }

    public bool HasLibrary => _library is not null;

    public Sip2Session Create(IPAddress remote) => new(_library, _options, _dates, _time, _logger, remote);
}
