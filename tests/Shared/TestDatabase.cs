using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Testing;

/// <summary>
/// A real PostgreSQL database created for one test run (one per test assembly), migrated with the committed
/// migrations and dropped at the end. Tests create uniquely named rows and never rely on row counts, so they run in
/// parallel without resets. The server comes from <c>MB_TEST_PG</c> (set by ./test.sh), else ConnectionStrings__Db.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _serverConnectionString;

    public TestDatabase()
    {
        var server = Environment.GetEnvironmentVariable("MB_TEST_PG")
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Db")
            ?? throw new InvalidOperationException(
                "No PostgreSQL for tests: run ./test.sh, or set MB_TEST_PG to a connection string of a role that may create databases.");
        _serverConnectionString = server;
        var builder = new NpgsqlConnectionStringBuilder(server)
        {
            Database = $"mb_test_{Guid.NewGuid():N}"[..30],
            MaxPoolSize = 50,
        };
        ConnectionString = builder.ConnectionString;
        DatabaseName = builder.Database!;
    }

    public string ConnectionString { get; }

    public string DatabaseName { get; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public MediaBibDbContext CreateContext(Actor? actor = null)
    {
        var options = new DbContextOptionsBuilder<MediaBibDbContext>();
        DatabaseSetup.Configure(options, ConnectionString, Clock);
        return new MediaBibDbContext(options.Options) { Actor = actor ?? Actor.System };
    }

    public IDbContextFactory<MediaBibDbContext> Factory => new ContextFactory(this);

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_serverConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<MediaBibDbContext>
    {
        public MediaBibDbContext CreateDbContext() => database.CreateContext();
    }
}
