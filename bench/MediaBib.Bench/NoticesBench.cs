using System.Diagnostics;
using System.Globalization;
using MediaBib.Domain.Common;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Bench;

/// <summary>
/// The overdue run at scale: N late loans across P patrons written with binary COPY (records, items, patrons, loans),
/// then the real job's two calls, <see cref="NoticePlanner.PlanOverdueAsync"/> (selection, grouping, queueing) and
/// <see cref="NoticeDispatcher.DispatchDueAsync"/> (rendering and sending over SMTP), timed together. The SMTP server
/// is aiosmtpd on loopback that only counts messages. Peak memory is the process's VmHWM during the run.
/// </summary>
internal static class NoticesBench
{
    private const string CounterScript = """
        import sys
        from aiosmtpd.controller import Controller

        class Counter:
            count = 0
            async def handle_DATA(self, server, session, envelope):
                Counter.count += 1
                return "250 OK"

        controller = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]))
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        print(f"count={Counter.count}", flush=True)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var loans = int.Parse(Option(args, "--loans", "100000"), CultureInfo.InvariantCulture);
        var patrons = int.Parse(Option(args, "--patrons", "30000"), CultureInfo.InvariantCulture);
        var connectionString = Environment.GetEnvironmentVariable("MB_BENCH_PG")
            ?? throw new InvalidOperationException("MB_BENCH_PG is not set (run bench/run.sh notices).");
        var port = FreePort();
        using var smtp = StartCounter(port);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Db"] = connectionString + ";Maximum Pool Size=50",
                ["Notices:Smtp:Host"] = "127.0.0.1",
                ["Notices:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Notices:Smtp:Security"] = "None",
                ["Notices:Smtp:FromAddress"] = "bench@mediabib.example",
                ["Notices:Dispatch:BatchSize"] = "200",
                // Concurrent SMTP sessions of the run (Notices__Dispatch__Parallelism): a large overdue run on a relay
                // that accepts them; the product's default is 8.
                ["Notices:Dispatch:Parallelism"] = Environment.GetEnvironmentVariable("MB_BENCH_NOTICES_PARALLELISM") ?? "16",
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
            .AddInfrastructure(configuration)
            .AddNotices(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var factory = services.GetRequiredService<IDbContextFactory<MediaBibDbContext>>();

        var setupClock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        await GenerateAsync(factory, connectionString, loans, patrons, now);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"setup: loans={loans} patrons={patrons} copy_seconds={setupClock.Elapsed.TotalSeconds:F1}"));

        var planner = services.GetRequiredService<NoticePlanner>();
        var dispatcher = services.GetRequiredService<NoticeDispatcher>();
        GC.Collect();
        var before = VmKb("VmRSS");
        var resetPeak = ResetPeak();
        var clock = Stopwatch.StartNew();
        var queued = await planner.PlanOverdueAsync(now, CancellationToken.None);
        var planSeconds = clock.Elapsed.TotalSeconds;
        var sent = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        var peakMb = VmKb("VmHWM") / 1024.0;
        var received = StopCounter(smtp);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run: queued={queued} sent={sent.Sent} failed={sent.Failed} fell_back={sent.FellBack} smtp_received={received} plan_seconds={planSeconds:F1} send_seconds={seconds - planSeconds:F1} rss_before_mb={before / 1024.0:F0} peak_reset={(resetPeak ? "yes" : "no (peak includes setup)")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notices: loans={loans} seconds={seconds:F1} notices_per_s={sent.Sent / seconds:F0} peak_mb={peakMb:F0} parallelism={configuration["Notices:Dispatch:Parallelism"]}"));
        return received == sent.Sent && sent.Sent == queued ? 0 : 1;
    }

    /// <summary>
    /// One library and category with two levels (J+7 email, J+21 letter); P patrons with an email; N loans of N items
    /// (over N/20 records), due 8 to 14 days ago, so each patron gets one level-1 notice listing all their items.
    /// Loans left open by earlier runs are closed first so that each run measures the same amount of work.
    /// </summary>
    private static async Task GenerateAsync(IDbContextFactory<MediaBibDbContext> factory, string connectionString, int loanCount, int patronCount, DateTime now)
    {
        Guid libraryId, categoryId, typeId;
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Actor = new Actor(ActorKind.System, "bench-setup");
            await db.Database.ExecuteSqlAsync($"UPDATE loans SET returned_at = {now} WHERE returned_at IS NULL");
            var library = new Library(LibraryCode.From("NB" + run), "Médiathèque de mesure " + run);
            library.UpdateContact(null, new Address("1 place de la Mairie", "86000", "Poitiers"), "05 49 00 00 00", "mesure@example.fr");
            var category = new PatronCategory("NB" + run, "Adulte");
            var type = new MediaBib.Domain.Catalog.ItemType("NB" + run, "Livre");
            db.AddRange(library, category, type);
            db.OverdueLevels.Add(new OverdueLevel(library.Id, null, 1, 7, [NoticeChannel.Email, NoticeChannel.Letter], "overdue-1"));
            db.OverdueLevels.Add(new OverdueLevel(library.Id, null, 2, 21, [NoticeChannel.Letter], "overdue-2", OverdueAction.BlockCard));
            await db.SaveChangesAsync();
            (libraryId, categoryId, typeId) = (library.Id, category.Id, type.Id);
        }

        var recordCount = Math.Max(1, loanCount / 20);
        var records = new Guid[recordCount];
        var patronIds = new Guid[patronCount];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var w = await connection.BeginBinaryImportAsync("COPY records (id, type, title, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var r = 0; r < recordCount; r++)
            {
                records[r] = Guid.CreateVersion7();
                w.StartRow();
                w.Write(records[r], NpgsqlDbType.Uuid);
                w.Write("Book", NpgsqlDbType.Varchar);
                w.Write($"Roman de mesure n° {r} ({run})", NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
        }

        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY patrons (id, home_library_id, category_id, card_number, first_name, last_name, email, expires_on, is_blocked, balance, keep_reading_history, opac_failed_logins, address_street, address_postal_code, address_city, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < patronCount; p++)
            {
                patronIds[p] = Guid.CreateVersion7();
                w.StartRow();
                w.Write(patronIds[p], NpgsqlDbType.Uuid);
                w.Write(libraryId, NpgsqlDbType.Uuid);
                w.Write(categoryId, NpgsqlDbType.Uuid);
                w.Write($"NB{run}{p:D6}", NpgsqlDbType.Varchar);
                w.Write("Camille", NpgsqlDbType.Varchar);
                w.Write($"Lecteur {p}", NpgsqlDbType.Varchar);
                w.Write($"lecteur{p}.{run.ToLowerInvariant()}@example.fr", NpgsqlDbType.Varchar);
                w.Write(new DateOnly(2099, 1, 1), NpgsqlDbType.Date);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(0m, NpgsqlDbType.Numeric);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(0, NpgsqlDbType.Integer);
                w.Write($"{p} rue des Lilas", NpgsqlDbType.Varchar);
                w.Write("86000", NpgsqlDbType.Varchar);
                w.Write("Poitiers", NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
        }

        // Items and loans in step: item i is lent to patron i % P.
        var itemIds = new Guid[loanCount];
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY items (id, record_id, home_library_id, current_library_id, item_type_id, barcode, status, status_changed_at, price, not_for_loan, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < loanCount; i++)
            {
                itemIds[i] = Guid.CreateVersion7();
                w.StartRow();
                w.Write(itemIds[i], NpgsqlDbType.Uuid);
                w.Write(records[i % recordCount], NpgsqlDbType.Uuid);
                w.Write(libraryId, NpgsqlDbType.Uuid);
                w.Write(libraryId, NpgsqlDbType.Uuid);
                w.Write(typeId, NpgsqlDbType.Uuid);
                w.Write($"NB{run}{i:D7}", NpgsqlDbType.Varchar);
                w.Write("OnLoan", NpgsqlDbType.Varchar);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(12.5m + (i % 20), NpgsqlDbType.Numeric);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
        }

        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY loans (id, item_id, patron_id, library_id, checked_out_at, due_at, renewal_count, is_on_site, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < loanCount; i++)
            {
                var due = now.AddDays(-(8 + (i % 7))).AddMinutes(-(i % 600));
                w.StartRow();
                w.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                w.Write(itemIds[i], NpgsqlDbType.Uuid);
                w.Write(patronIds[i % patronCount], NpgsqlDbType.Uuid);
                w.Write(libraryId, NpgsqlDbType.Uuid);
                w.Write(due.AddDays(-21), NpgsqlDbType.TimestampTz);
                w.Write(due, NpgsqlDbType.TimestampTz);
                w.Write(0, NpgsqlDbType.Integer);
                w.Write(false, NpgsqlDbType.Boolean);
                w.Write(now, NpgsqlDbType.TimestampTz);
                w.Write(now, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE records; ANALYZE patrons; ANALYZE items; ANALYZE loans; ANALYZE notices", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static Process StartCounter(int port)
    {
        var script = Path.Combine(Path.GetTempPath(), $"mb-smtp-count-{Environment.ProcessId}.py");
        File.WriteAllText(script, CounterScript);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("MB_PYTHON") ?? "/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        if (process.StandardOutput.ReadLine() != "ready")
        {
            throw new InvalidOperationException("The aiosmtpd counter did not start (apt-get install python3-aiosmtpd).");
        }

        return process;
    }

    private static int StopCounter(Process process)
    {
        process.StandardInput.Close();
        var line = process.StandardOutput.ReadLine() ?? "";
        process.WaitForExit(10_000);
        return line.StartsWith("count=", StringComparison.Ordinal) ? int.Parse(line[6..], CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>Resets the kernel's peak RSS (VmHWM) so the peak covers the run only (Linux "clear_refs" 5).</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long VmKb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
