using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MediaBib.Web.Diagnostics;

/// <summary>
/// Figures for <c>bench/run.sh desk</c> only: the number of Blazor circuits alive and the server's memory after a
/// forced full garbage collection. Off unless the configuration says <c>Bench:Diagnostics=true</c>; a production
/// node never maps the endpoint (forcing a full GC on demand would be a denial of service).
/// </summary>
public static class BenchDiagnostics
{
    public const string Setting = "Bench:Diagnostics";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    public static IServiceCollection AddBenchDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (Enabled(configuration))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        }

        return services;
    }

    public static WebApplication MapBenchDiagnostics(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapGet("/bench/diagnostics", (CircuitCounter circuits) =>
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                using var process = Process.GetCurrentProcess();
                return Results.Ok(new
                {
                    circuits = circuits.Open,
                    connected = circuits.Connected,
                    managedBytes = GC.GetTotalMemory(forceFullCollection: false),
                    rssBytes = process.WorkingSet64,
                });
            }).AllowAnonymous();
        }

        return app;
    }

    /// <summary>Counts circuits opened and not yet closed (a disconnected circuit is retained, still counted), and connected ones.</summary>
    public sealed class CircuitCounter : CircuitHandler
    {
        private int _open;
        private int _connected;

        public int Open => Volatile.Read(ref _open);

        public int Connected => Volatile.Read(ref _connected);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _connected);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _connected);
            return Task.CompletedTask;
        }
    }
}
