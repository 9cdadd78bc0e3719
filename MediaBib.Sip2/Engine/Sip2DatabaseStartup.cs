using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Seed;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaBib.Sip2.Engine;

/// <summary>
/// Before the listener accepts kiosks: waits until the database answers and carries the schema (the web app migrates
/// it; the worker never does), logging a clear line at each retry. Then, when <c>Seed:Demo</c> is true, creates the
/// demo terminal <c>borne1</c> at the central library (idempotent). Registered before the listener: hosted services
/// start in order, so no kiosk is answered "online" against a database that is not there.
/// </summary>
public sealed partial class Sip2DatabaseStartup(
    IDbContextFactory<MediaBibDbContext> contexts,
    Sip2TerminalService terminals,
    IConfiguration configuration,
    ILogger<Sip2DatabaseStartup> logger) : IHostedService
{
    public const string DemoLogin = "borne1";

    public const string DemoPassword = "Borne-Demo-2026!";

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await db.Sip2Terminals.AnyAsync(cancellationToken);
                LogReady(logger, attempt);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWaiting(logger, attempt, RetryDelay.TotalSeconds, e.GetBaseException().Message);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }

        if (configuration.GetValue<bool>("Seed:Demo"))
        {
            _ = Task.Run(() => SeedDemoTerminalAsync(cancellationToken), CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates borne1 once the central library exists (the web app seeds it; it may start after us).</summary>
    public async Task SeedDemoTerminalAsync(CancellationToken cancellationToken)
    {
        var actor = new Actor(ActorKind.System, "sip2-demo-seed");
        for (var attempt = 0; attempt < 100 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (await terminals.FindAsync(DemoLogin, cancellationToken) is not null)
                {
                    return;
                }

                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var centre = LibraryCode.From(DemoSeeder.CentralLibraryCode);
                if (await db.Libraries.Where(l => l.Code == centre).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken) is { } library)
                {
                    await terminals.CreateAsync(actor, DemoLogin, DemoPassword, library,
                        TerminalAccounts.Names(Library.Sip2Operations.All), "utf-8", checkinCapturesHolds: true, ct: cancellationToken);
                    LogDemoSeeded(logger, DemoLogin, DemoSeeder.CentralLibraryCode);
                    return;
                }
            }
            catch (ValidationException) when (attempt > 0)
            {
                return; // created concurrently by another worker
            }
            catch (DbUpdateException)
            {
                return; // unique login: created concurrently
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP2 worker: database ready (attempt {Attempt}); accepting terminals")]
    private static partial void LogReady(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP2 worker: database not reachable yet (attempt {Attempt}), retrying in {Seconds} s — check ConnectionStrings__Db and that the web app has migrated the schema: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP2 worker: demo terminal {Login} created at library {Library}")]
    private static partial void LogDemoSeeded(ILogger logger, string login, string library);
}
