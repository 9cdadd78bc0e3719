using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaBib.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database (a context factory: one short-lived context per operation), the clock and the
    /// use-case services shared by the web app, the API, the OPAC and the SIP2 worker.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Db") ?? "")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "The database connection string is missing: set ConnectionStrings__Db (for example Host=127.0.0.1;Port=5432;Database=mediabib;Username=mediabib;Password=…).")
            .Validate(o => DatabaseOptions.IsWellFormed(o.ConnectionString),
                "The database connection string ConnectionStrings__Db is not valid: expected key=value pairs such as Host=…;Database=…;Username=…")
            .ValidateOnStart();

        // Pooled: a circulation operation creates a context, so building one (the Identity model's services, the
        // change tracker) is paid once per pooled instance instead of on every scan. The context resets its own state
        // (actor, pending audit actions) when it goes back to the pool.
        services.AddPooledDbContextFactory<MediaBibDbContext>((sp, options) =>
        {
            var connectionString = configuration.GetConnectionString("Db") ?? "";
            DatabaseSetup.Configure(options, connectionString, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<Seed.DemoSeeder>();
        services.AddOptions<Search.Caching.FragmentCacheOptions>().Bind(configuration.GetSection("Search:Cache"));
        services.AddSingleton(sp => new Search.Caching.FragmentCache(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Search.Caching.FragmentCacheOptions>>().Value,
            // Redis is the second level only when configured (an IDistributedCache registered for another purpose is not).
            string.IsNullOrEmpty(configuration.GetConnectionString("Redis")) ? null : sp.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>()));
        services.AddSingleton<Search.SearchService>();
        services.AddSingleton<Search.RecordDetailsQuery>();
        services.AddOptions<Outbox.OutboxOptions>();
        services.AddSingleton<Outbox.LiveEvents>();
        services.AddSingleton<Outbox.IEventSubscriber>(sp => sp.GetRequiredService<Outbox.LiveEvents>());
        services.AddSingleton<Outbox.IEventSubscriber>(sp => new Search.Caching.CirculationEventInvalidator(
            sp.GetRequiredService<Search.Caching.FragmentCache>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddHostedService<Outbox.OutboxDispatcher>();
        services.AddCirculation();
        Catalog.CatalogSetup.AddCatalog(services, configuration);
        services.AddSingleton<Sip2.Sip2TerminalService>();
        services.AddSingleton<Sip2.Sip2TerminalAdmin>();
        services.AddSingleton<PatronAccount.PatronCredentials>();
        services.AddSingleton<PatronAccount.PatronAccountQueries>();
        services.AddSingleton<PatronAccount.PatronPreferences>();
        services.AddSingleton<PatronAccount.PatronDataExport>();
        return services;
    }
}
