using MediaBib.Infrastructure;
using MediaBib.Sip2.Library;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaBib.Sip2.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The real library behind the worker: infrastructure (database, circulation engine), <see cref="EngineSip2Library"/>
    /// and the database start-up gate (wait for the database, seed the demo terminal). Call before
    /// <see cref="DependencyInjection.AddSip2Services"/> so the gate runs before the listener starts.
    /// </summary>
    public static IServiceCollection AddSip2Engine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInfrastructure(configuration);
        // The worker writes events (into the outbox, read by the web nodes) but delivers none to itself: it has no
        // screens to update and serves no cached OPAC page. Its dispatcher then only listens for settings changes.
        services.RemoveAll<Infrastructure.Outbox.IEventSubscriber>();
        services.AddSingleton<EngineSip2Library>();
        services.AddSingleton<ISip2Library>(sp => sp.GetRequiredService<EngineSip2Library>());
        services.AddHostedService<Sip2DatabaseStartup>();
        return services;
    }
}
