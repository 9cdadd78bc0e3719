using MediaBib.Infrastructure.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Jobs;

public static class JobServicesCollection
{
    /// <summary>
    /// The use-case services the scheduled jobs call (housekeeping and hold-ready notices) and the outbox subscriber
    /// that sends hold-ready notices at once. Needs <c>AddNotices</c> for the dispatcher.
    /// </summary>
    public static IServiceCollection AddJobServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataRetentionOptions>().Bind(configuration.GetSection(DataRetentionOptions.Section));
        services.AddSingleton<AuditRetention>();
        services.AddSingleton<LoanHistoryAnonymizer>();
        services.AddSingleton<OutboxCleanup>();
        services.AddSingleton<HoldReadyNotices>();
        services.AddSingleton<IEventSubscriber, HoldWaitingNoticeTrigger>();
        return services;
    }
}
