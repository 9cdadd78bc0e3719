using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Desk;

public static class DeskServiceCollectionExtensions
{
    /// <summary>The desk's read queries (stateless: one DbContext per call).</summary>
    public static IServiceCollection AddDeskQueries(this IServiceCollection services)
    {
        services.AddSingleton<DeskQueries>();
        return services;
    }
}
