using System.Diagnostics;
using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaBib.Bench;

/// <summary>
/// Checkout + checkin cycles through <see cref="CirculationDesk"/>, the same service the desk, the API and SIP2 call,
/// with N concurrent clients. Each client is a desk with its own patron and its own shelf of items, as in a real
/// network; the figures include the audit rows and outbox events every operation writes.
/// </summary>
internal static class CirculationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", "1,8,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = int.Parse(Option(args, "--seconds", "15"), CultureInfo.InvariantCulture);
        var connectionString = Environment.GetEnvironmentVariable("MB_BENCH_PG")
            ?? throw new InvalidOperationException("MB_BENCH_PG is not set (run bench/run.sh circulation).");

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Db"] = connectionString + ";Maximum Pool Size=100" })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(Environment.GetEnvironmentVariable("MB_BENCH_SQL") == "1" ? LogLevel.Information : LogLevel.Warning).AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.ffffff "))
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var desk = services.GetRequiredService<CirculationDesk>();
        var factory = services.GetRequiredService<IDbContextFactory<MediaBibDbContext>>();

        var maxClients = clients.Max();
        var setup = await SetUpAsync(factory, maxClients, itemsPerClient: 4);
        var actor = new Actor(ActorKind.Staff, "bench", LibraryId: setup.LibraryId);

        // Warm up until the JIT has settled (tiered compilation recompiles hot methods in the background for several
        // seconds), the pools are full and the statements prepared: a library's server runs for hours.
        var warmUp = int.Parse(Option(args, "--warmup", "30"), CultureInfo.InvariantCulture);
        await RunPhaseAsync(desk, actor, setup, Math.Min(8, maxClients), TimeSpan.FromSeconds(warmUp));
        var cpu = CpuMeter.FromDataDirectory(Environment.GetEnvironmentVariable("MB_BENCH_PGDATA"));
        foreach (var n in clients)
        {
            var before = cpu.Read();
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var result = await RunPhaseAsync(desk, actor, setup, n, TimeSpan.FromSeconds(seconds));
            var after = cpu.Read();
            var appMs = (after.Self - before.Self) * 1000 / Math.Max(1, result.Cycles);
            var dbMs = (after.Server - before.Server) * 1000 / Math.Max(1, result.Cycles);
            var allocatedKb = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / Math.Max(1, result.Cycles);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clients={n} cycles={result.Cycles} cycles_per_s={result.CyclesPerSecond:F1} checkout_p50_ms={result.CheckoutP50:F2} checkout_p99_ms={result.CheckoutP99:F2} checkin_p50_ms={result.CheckinP50:F2} checkin_p99_ms={result.CheckinP99:F2} refused={result.Refused} jitted={System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore} app_cpu_ms_per_cycle={appMs:F2} db_cpu_ms_per_cycle={dbMs:F2} alloc_kb_per_cycle={allocatedKb:F0}"));
        }

        return 0;
    }

    private static async Task<PhaseResult> RunPhaseAsync(CirculationDesk desk, Actor actor, Setup setup, int clients, TimeSpan duration)
    {
        var checkouts = new List<double>[clients];
        var checkins = new List<double>[clients];
        var refused = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            checkouts[c] = [];
            checkins[c] = [];
            var card = setup.PatronCards[c];
            var shelf = setup.ItemBarcodes[c];
            var next = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var barcode = shelf[next++ % shelf.Count];
                var t0 = Stopwatch.GetTimestamp();
                var loan = await desk.CheckOutAsync(actor, setup.LibraryId, card, barcode);
                var t1 = Stopwatch.GetTimestamp();
                var back = await desk.CheckInAsync(actor, setup.LibraryId, barcode);
                var t2 = Stopwatch.GetTimestamp();
                if (!loan.Succeeded || !back.Succeeded)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                checkouts[c].Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                checkins[c].Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var outs = checkouts.SelectMany(x => x).Order().ToList();
        var ins = checkins.SelectMany(x => x).Order().ToList();
        return new PhaseResult(outs.Count, outs.Count / elapsed, Percentiles.Of(outs, 50), Percentiles.Of(outs, 99), Percentiles.Of(ins, 50), Percentiles.Of(ins, 99), refused);
    }

    private static async Task<Setup> SetUpAsync(IDbContextFactory<MediaBibDbContext> factory, int clients, int itemsPerClient)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Actor = new Actor(ActorKind.System, "bench-setup");
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var library = new Library(LibraryCode.From("BENCH" + run), "Bibliothèque de mesure " + run);
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))));
        var category = new PatronCategory("BENCH" + run, "Lecteur de mesure");
        category.SetLoanDefaults(21, 1000, 10, 0m);
        var type = new ItemType("BENCH" + run, "Livre de mesure");
        var record = new Record(RecordType.Book, "Le livre des mesures " + run);
        db.AddRange(library, category, type, record);
        var cards = new List<string>();
        var shelves = new List<List<string>>();
        for (var c = 0; c < clients; c++)
        {
            var card = $"BP{run}{c:D4}";
            db.Patrons.Add(new Patron(library.Id, category.Id, CardNumber.From(card), "Banc", $"Client {c}", new DateOnly(2099, 1, 1)));
            cards.Add(card);
            var shelf = new List<string>();
            for (var i = 0; i < itemsPerClient; i++)
            {
                var barcode = $"BI{run}{c:D4}{i:D2}";
                db.Items.Add(new Item(record.Id, library.Id, type.Id, Barcode.From(barcode)));
                shelf.Add(barcode);
            }

            shelves.Add(shelf);
        }

        await db.SaveChangesAsync();
        return new Setup(library.Id, cards, shelves);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed record Setup(Guid LibraryId, List<string> PatronCards, List<List<string>> ItemBarcodes);

    private sealed record PhaseResult(int Cycles, double CyclesPerSecond, double CheckoutP50, double CheckoutP99, double CheckinP50, double CheckinP99, int Refused);
}
