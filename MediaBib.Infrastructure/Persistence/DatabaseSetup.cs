using MediaBib.Infrastructure.Persistence.Interceptors;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Persistence;

/// <summary>One place that configures the provider, so the app, the tests, the tools and the benchmarks agree.</summary>
public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString, TimeProvider? clock = null)
    {
        options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsAssembly(typeof(MediaBibDbContext).Assembly.GetName().Name);
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
            })
            .UseSnakeCaseNamingConvention();
        var time = clock ?? TimeProvider.System;
        options.AddInterceptors(new AuditInterceptor(time), new OutboxInterceptor(time, Outbox.OutboxNotifier.For(connectionString)),
            new SettingsChangeInterceptor(connectionString));
    }
}
