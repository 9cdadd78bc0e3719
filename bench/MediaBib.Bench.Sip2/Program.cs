using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2;
using MediaBib.Sip2.Engine;
using MediaBib.Sip2.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// SIP2 load driver: N kiosks over real TCP to the real worker (EngineSip2Library on PostgreSQL), each looping
// 63 patron information + 11 checkout + 09 checkin; next to a raw TCP echo round trip and the same checkout+checkin
// cycles called directly on CirculationDesk, measured in the same run.
var clients = Option("--clients", "1,10,50").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var seconds = int.Parse(Option("--seconds", "15"), CultureInfo.InvariantCulture);
// Kiosks are paced by the people at them: the paced phase offers this many messages per second in all, spread over the
// terminals, and measures each answer from the moment its loop was due (a late start counts as waiting).
var rate = double.Parse(Option("--rate", "1050"), CultureInfo.InvariantCulture);
var connectionString = Environment.GetEnvironmentVariable("MB_BENCH_PG")
    ?? throw new InvalidOperationException("MB_BENCH_PG is not set (run bench/run.sh sip2).");

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Db"] = connectionString + ";Maximum Pool Size=" + (Environment.GetEnvironmentVariable("MB_BENCH_SIP2_POOL") ?? "100"),
    ["Sip2:BindAddress"] = "127.0.0.1",
    ["Sip2:Port"] = "0",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.Services.AddSip2Engine(builder.Configuration);
builder.Services.AddSip2Services(builder.Configuration);
using var host = builder.Build();
await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
await host.StartAsync();
var endPoint = await host.Services.GetRequiredService<Sip2Listener>().Started;
// Each kiosk lends from a shelf of 100 items, so a copy comes back to it every ~15 s at the paced rate: with 4 items a
// copy was lent and returned 7 times a second, and any open snapshot (an ANALYZE) let its row versions pile up.
var setup = await SetUpAsync(host.Services, clients.Max(), itemsPerClient: 100);
var cpu = MediaBib.Bench.CpuMeter.FromDataDirectory(Environment.GetEnvironmentVariable("MB_BENCH_PGDATA"));

var echoP99 = await EchoP99Async(TimeSpan.FromSeconds(Math.Min(5, seconds)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"echo p99_ms={echoP99:F3}"));
// Warm-up until the JIT has settled: with few terminals, so the background tier-1 compiler is not starved of CPU (with
// 10 busy terminals on 2 cores it was still recompiling after 20 s, and the first measured phase came out at half speed).
await RunSip2Async(Math.Min(3, clients.Max()), TimeSpan.FromSeconds(int.Parse(Option("--warmup", Environment.GetEnvironmentVariable("MB_BENCH_SIP2_WARMUP") ?? "20"), CultureInfo.InvariantCulture)));
// A network in service, not a new installation: the hot tables get a history of the size a network has after some
// years, copied from the rows the warm-up wrote. On small tables autovacuum and auto-analyze come round every minute
// (their thresholds grow with the table), and the rounds coincided with stalls of 100 ms or more.
if (Environment.GetEnvironmentVariable("MB_BENCH_SIP2_HISTORY") != "0")
{
    var aging = Stopwatch.StartNew();
    var sizes = await AgeDatabaseAsync(connectionString, setup.LibraryId);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history {sizes} seconds={aging.Elapsed.TotalSeconds:F0}"));
}

var results = new Dictionary<int, Sip2Result>();
foreach (var n in clients)
{
    var r = await RunSip2Async(n, TimeSpan.FromSeconds(seconds));
    results[n] = r;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"terminals={n} msgs={r.Messages} msgs_per_s={r.PerSecond:F1} p50_ms={r.P50:F2} p99_ms={r.P99:F2} refused={r.Refused} {r.TypeLine}"));
}

var top = clients.Max();
var paced = await RunSip2Async(top, TimeSpan.FromSeconds(seconds), rate);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"paced terminals={top} offered_per_s={rate:F0} msgs={paced.Messages} msgs_per_s={paced.PerSecond:F1} p50_ms={paced.P50:F2} p99_ms={paced.P99:F2} refused={paced.Refused} {paced.TypeLine}"));
var direct = await RunDirectAsync(top, TimeSpan.FromSeconds(seconds));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"direct clients={top} cycles_per_s={direct:F1}"));
var saturated = results[top];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sip2: terminals={top} msgs_per_s={paced.PerSecond:F1} p50_ms={paced.P50:F2} p99_ms={paced.P99:F2} echo_p99_ms={echoP99:F3} offered_per_s={rate:F0} saturated_msgs_per_s={saturated.PerSecond:F1} saturated_p99_ms={saturated.P99:F2} direct_cycles_per_s={direct:F1}"));
await host.StopAsync();
return 0;

// Closed loop (rate null: each terminal sends its next message as soon as it has the answer, which measures the
// saturation throughput) or paced (each terminal starts a 3-message loop every 3 × n / rate seconds).
async Task<Sip2Result> RunSip2Async(int n, TimeSpan duration, double? rate = null)
{
    var latencies = new List<double>[n];
    var slow = new List<long>[n];
    var byType = new List<double>[n, 3];
    var refused = 0;
    var connections = await Task.WhenAll(Enumerable.Range(0, n).Select(async c =>
    {
        var kiosk = await Kiosk.ConnectAsync(endPoint);
        var login = await kiosk.RequestAsync($"9300CN{setup.Login}|CO{setup.Password}|CP{setup.LibraryCode}|");
        return login == "941" ? kiosk : throw new InvalidOperationException("Bench terminal login refused: " + login);
    }));
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    var startedAt = DateTime.UtcNow;
    var cpuBefore = cpu.Read();
    var probes = StallProbes.Start(connectionString, rate is null ? null : AnalyzeAt());
    await Task.WhenAll(Enumerable.Range(0, n).Select(c => Task.Run(async () =>
    {
        latencies[c] = [];
        slow[c] = [];
        for (var t = 0; t < 3; t++)
        {
            byType[c, t] = [];
        }

        var kiosk = connections[c];
        var card = setup.Cards[c];
        var shelf = setup.Items[c];
        var next = 0;
        const string date = "20260115    101500";
        var period = rate is { } r ? (long)(3.0 * n / r * Stopwatch.Frequency) : 0;
        var due = started + (period == 0 ? 0 : period * c / n);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            if (period > 0)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var since = period > 0 ? due : Stopwatch.GetTimestamp();
            due += period;
            var barcode = shelf[next++ % shelf.Count];
            var type = 0;
            foreach (var (message, expect) in new[]
            {
                ($"63002{date}          AOMEDIABIB|AA{card}|", "64"),
                ($"11YN{date}{new string(' ', 18)}AOMEDIABIB|AA{card}|AB{barcode}|", "121"),
                ($"09N{date}{date}AP{setup.LibraryCode}|AOMEDIABIB|AB{barcode}|", "101"),
            })
            {
                var answer = await kiosk.RequestAsync(message);
                var answeredAt = Stopwatch.GetTimestamp();
                var latency = Stopwatch.GetElapsedTime(since, answeredAt).TotalMilliseconds;
                latencies[c].Add(latency);
                if (latency > 20)
                {
                    slow[c].Add(answeredAt - started);
                }

                byType[c, type++].Add(latency);
                since = answeredAt;
                if (answer is null || !answer.StartsWith(expect, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }
    })));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var cpuAfter = cpu.Read();
    var stalls = await probes.StopAsync(latencies.Sum(l => l.Count));
    foreach (var kiosk in connections)
    {
        kiosk.Dispose();
    }

    var all = latencies.SelectMany(x => x).Order().ToList();
    var typeP50 = Enumerable.Range(0, 3)
        .Select(t => Percentile(Enumerable.Range(0, n).SelectMany(c => byType[c, t]).Order().ToList(), 50))
        .ToArray();
    // Messages over 20 ms, and how many of them the worst 250 ms of the phase holds: a stall (GC, checkpoint) bunches
    // them, queueing spreads them.
    var slowTimes = slow.SelectMany(x => x).Order().ToList();
    var (worstWindow, worstAt) = (0, 0L);
    for (int last = 0, first = 0; last < slowTimes.Count; last++)
    {
        while (slowTimes[last] - slowTimes[first] >= Stopwatch.Frequency / 4)
        {
            first++;
        }

        if (last - first + 1 > worstWindow)
        {
            (worstWindow, worstAt) = (last - first + 1, slowTimes[first]);
        }
    }

    stalls += string.Create(CultureInfo.InvariantCulture, $" worst_at={startedAt.AddSeconds((double)worstAt / Stopwatch.Frequency):HH:mm:ss.f}");
    return new Sip2Result(all.Count, all.Count / elapsed, Percentile(all, 50), Percentile(all, 99), refused, typeP50, slowTimes.Count, worstWindow, stalls,
        (cpuAfter.Self - cpuBefore.Self) * 1000 / Math.Max(1, all.Count), (cpuAfter.Server - cpuBefore.Server) * 1000 / Math.Max(1, all.Count));
}

async Task<double> RunDirectAsync(int n, TimeSpan duration)
{
    var desk = host.Services.GetRequiredService<CirculationDesk>();
    var actor = new Actor(ActorKind.Terminal, setup.Login);
    var cycles = 0;
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, n).Select(c => Task.Run(async () =>
    {
        var next = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var barcode = setup.Items[c][next++ % setup.Items[c].Count];
            var loan = await desk.CheckOutAsync(actor, setup.LibraryId, setup.Cards[c], barcode);
            var back = await desk.CheckInAsync(actor, setup.LibraryId, barcode);
            if (loan.Succeeded && back.Succeeded)
            {
                Interlocked.Increment(ref cycles);
            }
        }
    })));
    return cycles / Stopwatch.GetElapsedTime(started).TotalSeconds;
}

static async Task<double> EchoP99Async(TimeSpan duration)
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var server = Task.Run(async () =>
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read));
        }
    });
    var times = new List<double>();
    using (var kiosk = await Kiosk.ConnectAsync((IPEndPoint)listener.LocalEndpoint))
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var t0 = Stopwatch.GetTimestamp();
            await kiosk.RequestAsync("990 302.00");
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    }

    await server;
    times.Sort();
    return Percentile(times, 99);
}

static async Task<Setup> SetUpAsync(IServiceProvider services, int count, int itemsPerClient)
{
    var factory = services.GetRequiredService<IDbContextFactory<MediaBibDbContext>>();
    await using var db = await factory.CreateDbContextAsync();
    db.Actor = new Actor(ActorKind.System, "bench-setup");
    var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    var library = new Library(LibraryCode.From("SIP" + run), "Bibliothèque de mesure SIP2 " + run);
    library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))));
    var category = new PatronCategory("SIP" + run, "Lecteur de mesure");
    category.SetLoanDefaults(21, 1000, 10, 0m);
    var type = new ItemType("SIP" + run, "Livre de mesure");
    var record = new Record(RecordType.Book, "Le livre des bornes " + run);
    db.AddRange(library, category, type, record);
    var cards = new List<string>();
    var shelves = new List<List<string>>();
    for (var c = 0; c < count; c++)
    {
        var card = $"SP{run}{c:D4}";
        db.Patrons.Add(new Patron(library.Id, category.Id, CardNumber.From(card), "Borne", $"Client {c}", new DateOnly(2099, 1, 1)));
        cards.Add(card);
        shelves.Add([.. Enumerable.Range(0, itemsPerClient).Select(i => $"SI{run}{c:D4}{i:D2}")]);
        foreach (var barcode in shelves[^1])
        {
            db.Items.Add(new Item(record.Id, library.Id, type.Id, Barcode.From(barcode)));
        }
    }

    await db.SaveChangesAsync();
    var login = "bench" + run;
    const string password = "Bench-Borne-2026!";
    await services.GetRequiredService<Sip2TerminalService>().CreateAsync(
        new Actor(ActorKind.System, "bench-setup"), login, password, library.Id, TerminalAccounts.Names(MediaBib.Sip2.Library.Sip2Operations.All));
    return new Setup(library.Id, library.Code.Value, login, password, cards, shelves);
}

// Copies rows of the hot tables until each holds a network's history: 300,000 items, 500,000 returned loans, 1,000,000
// audit rows, 500,000 outbox events (new ids; item copies get new barcodes), then VACUUM ANALYZE, as a database in
// service has been, and a checkpoint.
static async Task<string> AgeDatabaseAsync(string connectionString, Guid libraryId)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    var sizes = new List<string>();
    foreach (var (table, target, where, overrides) in new (string, long, string, Dictionary<string, string>)[]
    {
        ("items", 300_000, $"t.home_library_id = '{libraryId}'", new() { ["barcode"] = "t.barcode || '-' || g" }),
        ("loans", 500_000, "t.returned_at IS NOT NULL", []),
        ("audit_log", 1_000_000, "true", []),
        ("outbox_messages", 500_000, "true", []),
    })
    {
        var existing = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {table} t WHERE {where}");
        var copies = existing == 0 ? 0 : (int)Math.Ceiling((double)target / existing);
        var columns = new List<string>();
        await using (var command = new Npgsql.NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @t AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position", connection))
        {
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        overrides["id"] = "gen_random_uuid()";
        var select = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
        await using (var copy = new Npgsql.NpgsqlCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {select} FROM {table} t, generate_series(1, {copies}) g WHERE {where}", connection))
        {
            copy.CommandTimeout = 600;
            await copy.ExecuteNonQueryAsync();
        }

        await using (var vacuum = new Npgsql.NpgsqlCommand($"VACUUM (ANALYZE) {table}", connection) { CommandTimeout = 600 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        var rows = await ScalarAsync<long>(connection, $"SELECT count(*) FROM {table}");
        sizes.Add(string.Create(CultureInfo.InvariantCulture, $"{table}={rows}"));
    }

    // The copies wrote gigabytes of WAL: flush them now, or the checkpoint they call for lands in a measured phase.
    await using (var checkpoint = new Npgsql.NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 600 })
    {
        await checkpoint.ExecuteNonQueryAsync();
    }

    return string.Join(' ', sizes);
}

static async Task<T> ScalarAsync<T>(Npgsql.NpgsqlConnection connection, string sql)
{
    await using var command = new Npgsql.NpgsqlCommand(sql, connection);
    return (T)(await command.ExecuteScalarAsync())!;
}

// Diagnosis: MB_BENCH_SIP2_ANALYZE_AT=S runs ANALYZE on the hot tables S seconds into each paced phase.
static double? AnalyzeAt() =>
    Environment.GetEnvironmentVariable("MB_BENCH_SIP2_ANALYZE_AT") is { } at ? double.Parse(at, CultureInfo.InvariantCulture) : null;

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

internal sealed record Setup(Guid LibraryId, string LibraryCode, string Login, string Password, List<string> Cards, List<List<string>> Items);

// AppCpuMs: this process (worker and kiosk clients) per message; DbCpuMs: the PostgreSQL server per message.
internal sealed record Sip2Result(int Messages, double PerSecond, double P50, double P99, int Refused, double[] TypeP50, int Over20Ms, int Over20MsWorst250Ms, string Stalls, double AppCpuMs, double DbCpuMs)
{
    public string TypeLine => string.Create(CultureInfo.InvariantCulture,
        $"p50_ms_63={TypeP50[0]:F2} p50_ms_11={TypeP50[1]:F2} p50_ms_09={TypeP50[2]:F2} over_20ms={Over20Ms} over_20ms_worst_250ms={Over20MsWorst250Ms} {Stalls} app_cpu_ms_per_msg={AppCpuMs:F2} db_cpu_ms_per_msg={DbCpuMs:F2} threads={ThreadPool.ThreadCount}");
}

/// <summary>A kiosk connection: writes a CR-terminated line, reads up to the next CR.</summary>
internal sealed class Kiosk : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private Kiosk(TcpClient client)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
    }

    public static async Task<Kiosk> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, endPoint.Port);
        return new Kiosk(client);
    }

    public async Task<string?> RequestAsync(string message)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(message + "\r"));
        while (true)
        {
            var cr = Array.IndexOf(_buffer, (byte)'\r', _start, _end - _start);
            if (cr >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, cr - _start);
                _start = cr + 1;
                if (_start < _end && _buffer[_start] == (byte)'\n')
                {
                    _start++;
                }

                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end));
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}

/// <summary>
/// What else happened during a phase: GC pauses and allocation in this process, how late a 5 ms timer woke up (GC
/// pauses, CPU starvation), the slowest SELECT 1 on a connection of its own (a stall of the database server), and,
/// for diagnosis, an ANALYZE of the hot tables run at a given second.
/// </summary>
internal sealed class StallProbes
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private Task<double> _timer = Task.FromResult(0.0);
    private Task<double> _database = Task.FromResult(0.0);
    private Task _analyze = Task.CompletedTask;

    public static StallProbes Start(string connectionString, double? analyzeAt)
    {
        var probes = new StallProbes();
        probes._timer = Task.Run(probes.TimerLatenessAsync);
        probes._database = Task.Run(() => probes.SlowestSelectAsync(connectionString));
        if (analyzeAt is { } seconds)
        {
            probes._analyze = Task.Run(() => AnalyzeAsync(connectionString, seconds));
        }

        return probes;
    }

    /// <summary>Stops the probes and returns their figures, allocation counted per message.</summary>
    public async Task<string> StopAsync(int messages)
    {
        await _analyze;
        await _stop.CancelAsync();
        var timerLate = await _timer;
        var select1 = await _database;
        _stop.Dispose();
        return string.Create(CultureInfo.InvariantCulture,
            $"gc_pause_ms={(GC.GetTotalPauseDuration() - _gcPause).TotalMilliseconds:F0} gcs={GC.CollectionCount(0) - _gen0} gen2={GC.CollectionCount(2) - _gen2} alloc_kb_per_msg={(GC.GetTotalAllocatedBytes() - _allocated) / 1024.0 / Math.Max(1, messages):F0} timer_late_max_ms={timerLate:F1} select1_max_ms={select1:F1}");
    }

    private async Task<double> TimerLatenessAsync()
    {
        var worst = 0.0;
        while (!_stop.IsCancellationRequested)
        {
            var t0 = Stopwatch.GetTimestamp();
            await Task.Delay(5);
            worst = Math.Max(worst, Stopwatch.GetElapsedTime(t0).TotalMilliseconds - 5);
        }

        return worst;
    }

    private async Task<double> SlowestSelectAsync(string connectionString)
    {
        var worst = 0.0;
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select 1", connection);
        while (!_stop.IsCancellationRequested)
        {
            var t0 = Stopwatch.GetTimestamp();
            await command.ExecuteScalarAsync();
            worst = Math.Max(worst, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            await Task.Delay(10);
        }

        return worst;
    }

    /// <summary>MB_BENCH_SIP2_ANALYZE_DELAY=MS throttles the ANALYZE as autovacuum would.</summary>
    private static async Task AnalyzeAsync(string connectionString, double seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var throttle = Environment.GetEnvironmentVariable("MB_BENCH_SIP2_ANALYZE_DELAY") is { } delay ? $"SET vacuum_cost_delay = {delay}; " : "";
        await using var command = new Npgsql.NpgsqlCommand(throttle + "ANALYZE items, loans, outbox_messages, audit_log", connection);
        var t0 = Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyze at={DateTime.UtcNow:HH:mm:ss.f} ms={Stopwatch.GetElapsedTime(t0).TotalMilliseconds:F0}"));
    }
}
