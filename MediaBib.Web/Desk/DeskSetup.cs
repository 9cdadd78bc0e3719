using MediaBib.Infrastructure.Desk;

namespace MediaBib.Web.Desk;

public static class DeskSetup
{
    /// <summary>The circulation desk: read queries (singleton) and one checkout/checkin state per circuit (scoped).</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddDeskQueries();
        services.AddScoped<CheckoutSession>();
        services.AddScoped<CheckinSession>();
        return services;
    }
}
