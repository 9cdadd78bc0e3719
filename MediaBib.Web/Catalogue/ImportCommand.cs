using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;

namespace MediaBib.Web.Catalogue;

/// <summary>
/// The command line for large migrations, run by the web app's own binary:
/// <c>dotnet MediaBib.Web.dll import --file notices.mrc [--format detect|iso2709|xml] [--flavour unimarc|marc21]
/// [--match skip|replace|merge] [--encoding marc8|iso5426|iso6937] [--default-library CODE] [--default-type CODE]
/// [--report rapport.csv] [--user NAME]</c>. Same <see cref="CatalogImport"/> as the staff page (match rules, binary
/// COPY, one <c>import</c> audit entry per batch). Exit code 0 when the file was read to the end, 2 on bad arguments.
/// </summary>
public static class ImportCommand
{
    public const string Verb = "import";

    public const string Usage =
        "usage: MediaBib.Web import --file FILE [--format detect|iso2709|xml|unimarc|marc21] [--flavour unimarc|marc21] "
        + "[--match skip|replace|merge] [--encoding marc8|iso5426|iso6937] [--default-library CODE] [--default-type CODE] "
        + "[--report REPORT.csv] [--user NAME]";

    public static bool Applies(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the import with the configuration of the web app (ConnectionStrings__Db…); migrates the database first.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args.Skip(1).ToArray(), out var command, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddInfrastructure(builder.Configuration);
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        var import = host.Services.GetRequiredService<CatalogImport>();

        var progress = new ConsoleProgress(output);
        var actor = new Actor(ActorKind.System, command.User);
        ImportReport report;
        await using (var file = new FileStream(command.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            report = await import.ImportAsync(file, command.Options, actor, progress, ct);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"import: read={report.Read} created={report.Created} replaced={report.Replaced} merged={report.Merged} skipped={report.Skipped} rejected={report.Rejected} items={report.ItemsCreated} items_not_created={report.ItemsNotCreated}"));
        foreach (var p in report.Problems.Where(p => p.Reason.IsRecordRejection()).Take(20))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  rejected record {p.RecordNumber} at {(p.ByteOffset is { } o ? "byte " + o.ToString(CultureInfo.InvariantCulture) : "line " + p.Line?.ToString(CultureInfo.InvariantCulture))}: {p.Code}: {p.Detail}"));
        }

        if (command.Report is { } path)
        {
            await using var csv = new FileStream(path, FileMode.Create, FileAccess.Write);
            await report.WriteCsvAsync(csv, ct);
            await output.WriteLineAsync($"report: {path}");
        }

        return 0;
    }

    internal sealed record Command(string File, ImportOptions Options, string? Report, string User);

    internal static bool TryParse(string[] args, out Command command, out string problem)
    {
        command = default!;
        problem = "";
        string? file = null, report = null, library = null, type = null, user = null;
        var options = new ImportOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--file":
                    file = value;
                    break;
                case "--report":
                    report = value;
                    break;
                case "--default-library":
                    library = value;
                    break;
                case "--default-type":
                    type = value;
                    break;
                case "--user":
                    user = value;
                    break;
                case "--format":
                    options = value.ToLowerInvariant() switch
                    {
                        "detect" => options with { Format = ImportFormat.Detect },
                        "iso2709" or "mrc" => options with { Format = ImportFormat.Iso2709 },
                        "xml" or "marcxml" => options with { Format = ImportFormat.MarcXml },
                        "unimarc" => options with { Flavour = MarcFlavour.Unimarc },
                        "marc21" => options with { Flavour = MarcFlavour.Marc21 },
                        _ => null!,
                    };
                    break;
                case "--flavour":
                    options = value.ToLowerInvariant() switch
                    {
                        "unimarc" => options with { Flavour = MarcFlavour.Unimarc },
                        "marc21" => options with { Flavour = MarcFlavour.Marc21 },
                        "detect" => options with { Flavour = null },
                        _ => null!,
                    };
                    break;
                case "--match":
                    options = value.ToLowerInvariant() switch
                    {
                        "skip" => options with { OnMatch = MatchAction.Skip },
                        "replace" => options with { OnMatch = MatchAction.Replace },
                        "merge" => options with { OnMatch = MatchAction.Merge },
                        _ => null!,
                    };
                    break;
                case "--encoding":
                    options = value.ToLowerInvariant() switch
                    {
                        "marc8" => options with { ForceEncoding = MarcEncoding.Marc8 },
                        "iso5426" => options with { ForceEncoding = MarcEncoding.Iso5426 },
                        "iso6937" => options with { ForceEncoding = MarcEncoding.Iso6937 },
                        "utf8" or "utf-8" => options with { ForceEncoding = MarcEncoding.Utf8 },
                        _ => null!,
                    };
                    break;
                default:
                    problem = $"Unknown option {name}.";
                    return false;
            }

            if (options is null)
            {
                problem = $"{name} does not accept '{value}'.";
                return false;
            }
        }

        if (file is null)
        {
            problem = "--file is required.";
            return false;
        }

        if (!File.Exists(file))
        {
            problem = $"{file} does not exist.";
            return false;
        }

        options = options with
        {
            SourceName = Path.GetFileName(file),
            Items = new ItemMapping { DefaultLibraryCode = library, DefaultItemTypeCode = type },
        };
        command = new Command(file, options, report, user ?? "import-cli");
        return true;
    }

    private sealed class ConsoleProgress(TextWriter output) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {value.Read} read, {value.Created} created, {value.Replaced + value.Merged} updated, {value.Skipped} skipped, {value.Rejected} rejected"));
    }
}
