using System.Diagnostics;
using System.Globalization;

namespace MediaBib.Bench;

/// <summary>
/// CPU time spent by this process and by the PostgreSQL server (the postmaster's children: backends, WAL writer…),
/// read from /proc. On a shared machine wall-clock figures swing with the neighbours' load; CPU per operation does much
/// less, so it is printed next to them as a diagnostic.
/// </summary>
internal sealed class CpuMeter(int? postmasterPid)
{
    private static readonly double TicksPerSecond = 100.0;

    public static CpuMeter FromDataDirectory(string? dataDirectory)
    {
        var pidFile = dataDirectory is null ? null : Path.Combine(dataDirectory, "postmaster.pid");
        if (pidFile is null || !File.Exists(pidFile))
        {
            return new CpuMeter(null);
        }

        return new CpuMeter(int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture));
    }

    /// <summary>(this process, the database server) CPU seconds so far.</summary>
    public (double Self, double Server) Read()
    {
        var self = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return (self, postmasterPid is { } root ? TreeSeconds(root) : double.NaN);
    }

    /// <summary>CPU seconds of a process and all its descendants, read from /proc (Linux clock ticks of 10 ms).</summary>
    public static double TreeSeconds(int root)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
        }

        long total = 0;
        foreach (var (pid, t) in ticks)
        {
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == root)
                {
                    total += t;
                    break;
                }
            }
        }

        return total / TicksPerSecond;
    }
}
