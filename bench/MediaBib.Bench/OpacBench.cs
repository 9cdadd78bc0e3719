using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediaBib.Domain.Common;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaBib.Bench;

/// <summary>
/// OPAC benchmark (bench/opac.sh).
/// <c>opac-load</c>: a database of N records with ~3 copies each, kept between runs (named after N). A seed of generated
/// UNIMARC records goes through the real import (mapping, items), then is multiplied in SQL with new ids, barcodes and
/// creation dates (the generator draws titles from a few thousand combinations, so copies keep its distribution).
/// <c>opac-search</c>: 200 French queries with facets through <see cref="SearchService"/> and, as the reference, the
/// statement the service runs (<see cref="SearchSql"/>) executed directly with Npgsql; writes the OPAC URLs for wrk.
/// </summary>
internal static class OpacBench
{
    private const int SeedRecords = 20_000;

    private static readonly string[] Nouns =
    [
        "mystères", "château", "forêt", "été", "hiver", "cœur", "âme", "rivière", "île", "phare", "jardin", "fenêtre", "Noël",
        "écume", "goélands", "épreuve", "mémoire", "ombre", "lumière", "vérité", "naufragés", "fête", "bûcheron", "théâtre",
    ];

    private static readonly string[] Places = ["Cévennes", "Périgord", "Bretagne", "Québec", "Océan", "Pâques", "neige", "Lac", "crêtes", "Saint-Étienne", "Aurélien", "hêtres"];

    private static readonly string[] Surnames = ["Ernaux", "Modiano", "Le Clézio", "Condé", "Duras", "Pérec", "Sagan", "Gary", "Colette", "Maalouf", "Vargas", "Pennac", "Nothomb", "Énard", "Slimani"];

    public static string DatabaseName(int records) => "mb_bench_opac_" + records.ToString(CultureInfo.InvariantCulture);

    public static async Task<int> LoadAsync(string[] args)
    {
        var records = int.Parse(Option(args, "--records", "1000000"), CultureInfo.InvariantCulture);
        var file = Option(args, "--file", "");
        var server = Server();
        var name = DatabaseName(records);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString;
        if (await IsLoadedAsync(server, connectionString, name, records))
        {
            // Kept from an earlier run: bring it to the current migrations (their backfills run on the loaded rows).
            await using var kept = new Contexts(connectionString).CreateDbContext();
            var pending = (await kept.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                Console.Error.WriteLine($"[opac] applying {string.Join(", ", pending)} to the kept database");
                await kept.Database.MigrateAsync();
                await using var keptConnection = new NpgsqlConnection(connectionString);
                await keptConnection.OpenAsync();
                await Exec(keptConnection, "VACUUM (ANALYZE)");
            }

            Console.WriteLine($"database={name} loaded=kept");
            return 0;
        }

        var watch = Stopwatch.StartNew();
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await Exec(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await Exec(admin, $"CREATE DATABASE \"{name}\"");
        }

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

        var options = new ImportOptions
        {
            Format = ImportFormat.Detect,
            MatchOn = ImportMatch.ControlNumber | ImportMatch.Isbn,
            OnMatch = MatchAction.Skip,
            Items = new ItemMapping { DefaultLibraryCode = "BM", DefaultItemTypeCode = "LIV" },
            SourceName = Path.GetFileName(file),
        };
        ImportReport report;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            report = await new CatalogImport(factory, TimeProvider.System).ImportAsync(stream, options, new Actor(ActorKind.System, "bench-opac"));
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[opac] imported {report.Created} seed records, {report.ItemsCreated} items in {watch.Elapsed.TotalSeconds:F0} s"));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var copies = (records - report.Created + report.Created - 1) / Math.Max(1, report.Created);
        var recordColumns = await ColumnsAsync(connection, "records");
        var itemColumns = await ColumnsAsync(connection, "items");
        var linkColumns = (Author: await ColumnsAsync(connection, "record_author"), Subject: await ColumnsAsync(connection, "record_subject"));
        await Exec(connection, "CREATE TABLE bench_seed AS SELECT id FROM records");
        for (var k = 1; k <= copies; k++)
        {
            var limit = Math.Min(report.Created, records - report.Created * k);
            if (limit <= 0)
            {
                break;
            }

            var kk = k.ToString(CultureInfo.InvariantCulture);
            string NewId(string column) => $"md5({column}::text || '-{kk}')::uuid";
            var recordSelect = string.Join(", ", recordColumns.Select(c => c switch
            {
                "id" => NewId("r.id"),
                "isbn" or "issn" => "NULL",
                "control_number" => $"r.control_number || '-{kk}'",
                "created_at" => $"r.created_at - interval '{kk} minutes'",
                _ => "r." + c,
            }));
            var itemSelect = string.Join(", ", itemColumns.Select(c => c switch
            {
                "id" => NewId("i.id"),
                "record_id" => NewId("i.record_id"),
                "barcode" => $"'R{kk}-' || i.barcode",
                "rfid_tag" or "inventory_number" => "NULL",
                _ => "i." + c,
            }));
            string LinkSelect(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => c == "record_id" ? NewId("x.record_id") : "x." + c));
            var seed = string.Create(CultureInfo.InvariantCulture, $"(SELECT id FROM bench_seed ORDER BY id LIMIT {limit})");
            await using var tx = await connection.BeginTransactionAsync();
            await Exec(connection, $"INSERT INTO records ({string.Join(", ", recordColumns)}) SELECT {recordSelect} FROM records r WHERE r.id IN {seed}");
            await Exec(connection, $"INSERT INTO record_author ({string.Join(", ", linkColumns.Author)}) SELECT {LinkSelect(linkColumns.Author)} FROM record_author x WHERE x.record_id IN {seed}");
            await Exec(connection, $"INSERT INTO record_subject ({string.Join(", ", linkColumns.Subject)}) SELECT {LinkSelect(linkColumns.Subject)} FROM record_subject x WHERE x.record_id IN {seed}");
            await Exec(connection, $"INSERT INTO items ({string.Join(", ", itemColumns)}) SELECT {itemSelect} FROM items i WHERE i.record_id IN {seed}");
            await tx.CommitAsync();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[opac] copy {k}/{copies}: {report.Created * (k + 1)} records, {watch.Elapsed.TotalSeconds:F0} s"));
        }

        // About one copy in five is out (on loan, on the hold shelf or in transit), spread over every library.
        await Exec(connection, "UPDATE items SET status = 'OnLoan' WHERE get_byte(decode(md5(id::text), 'hex'), 0) < 51");
        await Exec(connection, "UPDATE items SET current_library_id = (SELECT id FROM libraries ORDER BY code OFFSET (get_byte(decode(md5(items.id::text), 'hex'), 1) % 3) LIMIT 1)");
        await Exec(connection, "DROP TABLE bench_seed");
        await Exec(connection, "VACUUM (ANALYZE)");
        await Exec(connection, string.Create(CultureInfo.InvariantCulture, $"CREATE TABLE bench_loaded AS SELECT {records}::int AS records"));
        var counts = await ScalarAsync(connection, "SELECT (SELECT count(*) FROM records)::text || ' records, ' || (SELECT count(*) FROM items)::text || ' items'");
        Console.Error.WriteLine($"[opac] loaded {counts} in {watch.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"database={name} loaded=new");
        return 0;
    }

    public static async Task<int> SearchAsync(string[] args)
    {
        var records = int.Parse(Option(args, "--records", "1000000"), CultureInfo.InvariantCulture);
        var urls = Option(args, "--urls", "");
        var connectionString = new NpgsqlConnectionStringBuilder(Server()) { Database = DatabaseName(records) }.ConnectionString;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Db"] = connectionString })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        var search = services.GetRequiredService<SearchService>();
        var queries = await QueriesAsync(connectionString);

        // The raw reference: the statement the service builds, on one open connection, every row read.
        var raw = await TimeAsync(queries, async q =>
        {
            await using var connection = new NpgsqlConnection(DatabaseSetup.WithStatementCache(connectionString));
            await connection.OpenAsync();
            var sql = new SearchSql(QueryParser.Parse(q.Query.Text), q.Query.Filters ?? SearchFilters.None);
            await using var command = new NpgsqlCommand(sql.Build(q.Query.Sort, 0, q.Query.PageSize, q.Query.WithFacets), connection);
            command.Parameters.AddRange(sql.Parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        var service = await TimeAsync(queries, q => search.SearchAsync(q.Query));
        var hits = new List<int>();
        foreach (var q in queries.Take(10))
        {
            hits.Add((await search.SearchAsync(q.Query)).Total);
        }

        if (urls.Length > 0)
        {
            await File.WriteAllLinesAsync(urls, queries.Select(q => q.Url));
        }

        var inv = CultureInfo.InvariantCulture;
        Console.Error.WriteLine($"[opac] totals of the first queries: {string.Join(", ", hits)}");
        foreach (var kind in queries.Select(q => q.Kind).Distinct())
        {
            var s = service.Where(x => x.Kind == kind).Select(x => x.Ms).Order().ToList();
            var r = raw.Where(x => x.Kind == kind).Select(x => x.Ms).Order().ToList();
            Console.Error.WriteLine(string.Create(inv, $"[opac] {kind,-12} n={s.Count} service p50={Percentiles.Of(s, 50):F1} p95={Percentiles.Of(s, 95):F1} ms, sql p50={Percentiles.Of(r, 50):F1} p95={Percentiles.Of(r, 95):F1} ms"));
        }

        var all = service.Select(x => x.Ms).Order().ToList();
        var allRaw = raw.Select(x => x.Ms).Order().ToList();
        Console.WriteLine(string.Create(inv,
            $"search_p50_ms={Percentiles.Of(all, 50):F1} search_p95_ms={Percentiles.Of(all, 95):F1} sql_p50_ms={Percentiles.Of(allRaw, 50):F1} sql_p95_ms={Percentiles.Of(allRaw, 95):F1}"));
        return 0;
    }

    /// <summary>Each query once to warm up (plans, JIT, caches), then each once more, timed.</summary>
    private static async Task<List<(string Kind, double Ms)>> TimeAsync(List<BenchQuery> queries, Func<BenchQuery, Task> run)
    {
        foreach (var q in queries)
        {
            await run(q);
        }

        var times = new List<(string, double)>();
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            await run(q);
            times.Add((q.Kind, watch.Elapsed.TotalMilliseconds));
        }

        return times;
    }

    /// <summary>200 French queries drawn from the generator's vocabulary: words, pairs, author + title, and facet filters.</summary>
    private static async Task<List<BenchQuery>> QueriesAsync(string connectionString)
    {
        var random = new Random(7);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var library = (string)(await ScalarAsync(connection, "SELECT id::text FROM libraries ORDER BY code LIMIT 1"))!;
        string Pick(string[] values) => values[random.Next(values.Length)];
        var list = new List<BenchQuery>();
        for (var i = 0; i < 50; i++)
        {
            list.Add(Make("word", i % 2 == 0 ? Pick(Nouns) : Pick(Places), []));
        }

        for (var i = 0; i < 50; i++)
        {
            list.Add(Make("two-words", $"{Pick(Nouns)} {Pick(Places)}", []));
        }

        for (var i = 0; i < 50; i++)
        {
            list.Add(Make("author-title", $"{Pick(Surnames)} {Pick(Nouns)}", []));
        }

        (FacetGroup Group, string Key)[][] facetSets =
        [
            [(FacetGroup.DocumentType, "Book")],
            [(FacetGroup.Language, "fre"), (FacetGroup.PublicationYear, "2000-2009")],
            [(FacetGroup.Availability, FacetKeys.AvailableNow)],
            [(FacetGroup.Library, library), (FacetGroup.Availability, FacetKeys.AvailableNow)],
            [(FacetGroup.PublicationYear, "1950-1999")],
        ];
        for (var i = 0; i < 50; i++)
        {
            list.Add(Make("facets", i % 2 == 0 ? Pick(Nouns) : $"{Pick(Surnames)} {Pick(Nouns)}", facetSets[i % facetSets.Length]));
        }

        return list;
    }

    private static BenchQuery Make(string kind, string text, (FacetGroup Group, string Key)[] facets)
    {
        var filters = facets.Aggregate(SearchFilters.None, (f, x) => f.With(x.Group, x.Key));
        var url = new StringBuilder("/opac/recherche?q=").Append(Uri.EscapeDataString(text));
        foreach (var (group, key) in facets)
        {
            url.Append('&').Append(group switch
            {
                FacetGroup.DocumentType => "type",
                FacetGroup.Library => "library",
                FacetGroup.Availability => "availability",
                FacetGroup.Language => "language",
                FacetGroup.PublicationYear => "year",
                FacetGroup.Author => "author",
                FacetGroup.Subject => "subject",
            }).Append('=').Append(Uri.EscapeDataString(key));
        }

        return new BenchQuery(kind, new SearchQuery(text, filters), url.ToString());
    }

    private static async Task<bool> IsLoadedAsync(string server, string connectionString, string name, int records)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        if (await ScalarAsync(admin, $"SELECT 1 FROM pg_database WHERE datname = '{name}'") is null)
        {
            return false;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, "SELECT to_regclass('bench_loaded') IS NOT NULL") is true
            && await ScalarAsync(connection, "SELECT records FROM bench_loaded") is int n && n == records;
    }

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT attname FROM pg_attribute WHERE attrelid = @t::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum", connection);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static string Server() => Environment.GetEnvironmentVariable("MB_BENCH_PG")
        ?? throw new InvalidOperationException("MB_BENCH_PG is not set (run bench/run.sh opac).");

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private sealed record BenchQuery(string Kind, SearchQuery Query, string Url);

    private sealed class Contexts(string connectionString) : IDbContextFactory<MediaBibDbContext>
    {
        public MediaBibDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<MediaBibDbContext>();
            DatabaseSetup.Configure(options, connectionString);
            return new MediaBibDbContext(options.Options);
        }
    }
}
