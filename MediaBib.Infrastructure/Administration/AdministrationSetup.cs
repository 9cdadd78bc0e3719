using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Administration;

public static class AdministrationSetup
{
    /// <summary>The administration use-case services and read queries (stateless; each operation opens its own context).</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddSingleton<LibraryAdmin>();
        services.AddSingleton<PatronCategoryAdmin>();
        services.AddSingleton<ItemTypeAdmin>();
        services.AddSingleton<CirculationRuleAdmin>();
        services.AddSingleton<ApiAccess.ApiTokenAdmin>();
        services.AddSingleton<Rfid.RfidPadAdmin>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<AuditLogQueries>();
        services.AddSingleton<DashboardQueries>();
        return services;
    }
}
