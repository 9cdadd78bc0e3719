using System.Diagnostics;
using System.Globalization;
using MediaBib.Bench.Marc;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// MARC benchmark driver (bench/marc.sh):
//   generate N FILE        write N synthetic UNIMARC records with 1-5 items each
//   parse FILE             ISO 2709 -> MARCXML into a null stream; prints records/s and CPU µs per record
//   import FILE            into a fresh database next to MB_BENCH_PG's; prints records/s, this process's CPU µs per
//                          record read, items and peak memory
var inv = CultureInfo.InvariantCulture;
switch (args)
{
    case ["generate", var n, var path]:
    {
        var items = Generator.Write(path, int.Parse(n, inv));
        Console.WriteLine(string.Create(inv, $"records={n} items={items} bytes={new FileInfo(path).Length}"));
        return 0;
    }

    case ["parse", var path]:
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long records = 0;
        using (var xml = new MarcXmlWriter(Stream.Null))
        {
            foreach (var result in Iso2709Reader.ReadFile(path))
            {
                if (result is MarcRecordRead read)
                {
                    xml.Write(read.Record);
                    records++;
                }
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / Math.Max(1, records);
        Console.WriteLine(string.Create(inv, $"records={records} seconds={seconds:F2} rps={records / seconds:F0} cpu_us={cpuUs:F1}"));
        return 0;
    }

    case ["import", var path, ..]:
    {
        var server = Environment.GetEnvironmentVariable("MB_BENCH_PG")
            ?? throw new InvalidOperationException("MB_BENCH_PG (a PostgreSQL connection string) is not set; run bench/run.sh marc.");
        var connectionString = await FreshDatabaseAsync(server, "mb_bench_marc");
        var factory = new Contexts(connectionString);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AddRange(
                new Library(LibraryCode.From("BM"), "Médiathèque centrale"),
                new Library(LibraryCode.From("ANX1"), "Annexe du Port"),
                new Library(LibraryCode.From("ANX2"), "Annexe des Tilleuls"),
                new ItemType("LIV", "Livre"),
                new ItemType("DVD", "DVD"),
                new ItemType("CD", "CD audio"));
            await db.SaveChangesAsync();
        }

        var importer = new CatalogImport(factory, TimeProvider.System);
        var options = new ImportOptions
        {
            Format = ImportFormat.Detect,
            MatchOn = ImportMatch.ControlNumber | ImportMatch.Isbn,
            OnMatch = MatchAction.Skip,
            Items = new ItemMapping { DefaultLibraryCode = "BM", DefaultItemTypeCode = "LIV" },
            SourceName = Path.GetFileName(path),
        };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        ImportReport report;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            var progress = new Progress(watch);
            report = await importer.ImportAsync(file, options, new Actor(ActorKind.System, "bench-marc"), progress);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var self = Process.GetCurrentProcess();
        var cpuUs = (self.TotalProcessorTime - cpuBefore).TotalMicroseconds / Math.Max(1, report.Read);
        var peakMb = self.PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(inv,
            $"records={report.Created} items={report.ItemsCreated} rejected={report.Rejected} skipped={report.Skipped} seconds={seconds:F2} rps={report.Created / seconds:F0} cpu_us={cpuUs:F0} peak_mb={peakMb:F0}"));
        return report.Rejected == 0 ? 0 : 1;
    }

    default:
        Console.Error.WriteLine("usage: MediaBib.Bench.Marc generate N FILE | parse FILE | import FILE");
        return 2;
}

static async Task<string> FreshDatabaseAsync(string server, string name)
{
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}

internal sealed class Contexts(string connectionString) : IDbContextFactory<MediaBibDbContext>
{
    public MediaBibDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MediaBibDbContext>();
        DatabaseSetup.Configure(options, connectionString);
        return new MediaBibDbContext(options.Options);
    }
}

/// <summary>Progress on stderr every 100,000 records (stdout carries the result line).</summary>
internal sealed class Progress(Stopwatch watch) : IProgress<ImportProgress>
{
    private long _next = 100_000;

    public void Report(ImportProgress value)
    {
        if (value.Read >= _next)
        {
            _next += 100_000;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {value.Read} read, {value.Created} created, {value.ItemsCreated} items, {watch.Elapsed.TotalSeconds:F0} s"));
        }
    }
}
