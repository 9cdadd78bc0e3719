using System.Net.Sockets;
using MediaBib.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaBib.Infrastructure.Persistence;

/// <summary>A start-up failure explained in one sentence (which setting, what to do), not a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Applies the committed migrations at start (EF takes a migration lock, so several nodes starting together are
/// safe) and turns the usual configuration mistakes into one clear sentence.
/// </summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<MediaBibDbContext> factory,
    IConfiguration configuration,
    DemoSeeder demoSeeder,
    IServiceProvider services,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Migrates, then seeds the demo network when <c>Seed:Demo</c> (MB: <c>Seed__Demo=true</c>) is set.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }

            // A fresh install needs the staff roles before anyone can be given one.
            var staffSeeder = services.GetService(typeof(Identity.StaffSeeder)) as Identity.StaffSeeder;
            if (staffSeeder is not null)
            {
                await staffSeeder.EnsureRolesAsync(cancellationToken);
            }

            if (configuration.GetValue<bool>("Seed:Demo"))
            {
                await demoSeeder.SeedAsync(DemoSize.Default, cancellationToken);
                await DemoPatron.EnsureOpacPasswordAsync(factory, new PatronAccount.PatronCredentials(factory, TimeProvider.System), cancellationToken);

                // Staff accounts need Identity, which only the web app registers.
                if (staffSeeder is not null)
                {
                    await DemoStaff.EnsureAsync(staffSeeder, factory, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (Explain(ex) is { } sentence)
        {
            throw new StartupException(sentence, ex);
        }
    }

    internal static string? Explain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return "PostgreSQL refused the user name or password given in ConnectionStrings__Db.";
                case PostgresException { SqlState: "3D000" } p:
                    return $"The database named in ConnectionStrings__Db does not exist ({p.MessageText}); create it or fix the Database= part.";
                case PostgresException { SqlState: "58P01" or "0A000" } p when p.MessageText.Contains("extension", StringComparison.OrdinalIgnoreCase)
                    || p.MessageText.Contains("unaccent", StringComparison.OrdinalIgnoreCase):
                    return "The PostgreSQL extensions unaccent and pg_trgm are missing: install postgresql-contrib on the database server.";
                case PostgresException { SqlState: "42501" }:
                    return "The database user in ConnectionStrings__Db may not create tables or extensions: make it the owner of the database.";
                case SocketException or TimeoutException:
                    return "Cannot reach PostgreSQL at the host and port given in ConnectionStrings__Db: is the server running?";
                case NpgsqlException { InnerException: SocketException }:
                    return "Cannot reach PostgreSQL at the host and port given in ConnectionStrings__Db: is the server running?";
            }
        }

        return null;
    }
}
