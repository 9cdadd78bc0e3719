using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Desk;

public static class DeskServiceCollectionExtensions
{
    /// <summary>The desk's read queries and patron registration (stateless: one DbContext per call).</summary>
    public static IServiceCollection AddDeskQueries(this IServiceCollection services)
    {
        services.AddSingleton<DeskQueries>();
        services.AddSingleton<PatronRegistration>();
        services.AddSingleton<ItemLookupQueries>();
        services.AddSingleton<HoldShelfQueries>();
        services.AddSingleton<PatronHistoryQueries>();
        return services;
    }
}
