using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Circulation;

public static class CirculationServiceCollectionExtensions
{
    /// <summary>The circulation engine's use-case services (stateless: one DbContext per operation).</summary>
    public static IServiceCollection AddCirculation(this IServiceCollection services)
    {
        services.AddSingleton<CirculationDesk>();
        services.AddSingleton<HoldService>();
        services.AddSingleton<FineService>();
        services.AddSingleton<FineAccrual>();
        return services;
    }
}
