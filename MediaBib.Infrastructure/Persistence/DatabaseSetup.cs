using MediaBib.Infrastructure.Persistence.Interceptors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Persistence;

/// <summary>One place that configures the provider, so the app, the tests, the tools and the benchmarks agree.</summary>
public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString, TimeProvider? clock = null)
    {
        options.UseNpgsql(WithStatementCache(connectionString), npgsql =>
            {
                npgsql.MigrationsAssembly(typeof(MediaBibDbContext).Assembly.GetName().Name);
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
                // A library comes with its opening hours and closed days (owned, a few rows each): one query is fine.
                npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);
            })
            .UseSnakeCaseNamingConvention();
        var time = clock ?? TimeProvider.System;
        options.AddInterceptors(new AuditInterceptor(time), new OutboxInterceptor(time, Outbox.OutboxNotifier.For(connectionString)),
            new SettingsChangeInterceptor(connectionString), new CatalogueChangeInterceptor(connectionString));
    }

    /// <summary>
    /// Lets PostgreSQL keep the plans of the statements a connection runs again and again (every checkout runs the
    /// same few), unless the connection string says otherwise: Npgsql prepares a statement on its second use, and
    /// pooled connections are not reset with DISCARD ALL (which would drop the prepared statements). Nothing here
    /// leaves session state on a connection: transaction-scoped SET LOCAL and ON COMMIT DROP temp tables only, and the
    /// outbox listener uses its own unpooled connection.
    /// </summary>
    public static string WithStatementCache(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool HasKey(string connectionString, params string[] names) =>
        names.Any(n => connectionString.Contains(n, StringComparison.OrdinalIgnoreCase));
}
