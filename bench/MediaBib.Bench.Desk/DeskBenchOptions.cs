using System.Globalization;

namespace MediaBib.Bench.Desk;

internal sealed record DeskBenchOptions(string Url, int WebPid, int Circuits, int Seconds, int MinGapMs, int MaxGapMs, string ConnectionString, string? Chromium)
{
    public static DeskBenchOptions? Parse(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var url = Option("--url");
        var pid = Option("--web-pid");
        var db = Environment.GetEnvironmentVariable("MB_BENCH_PG");
        if (url is null || pid is null || db is null)
        {
            return null;
        }

        return new DeskBenchOptions(url.TrimEnd('/'), int.Parse(pid, CultureInfo.InvariantCulture), Number("--circuits", 50), Number("--seconds", 60),
            Number("--min-gap-ms", 1000), Number("--max-gap-ms", 2000), db,
            Option("--browser") is "0" ? null : Environment.GetEnvironmentVariable("MB_CHROMIUM") ?? "/usr/bin/chromium");
    }
}
