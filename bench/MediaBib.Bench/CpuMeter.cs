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
        if (postmasterPid is not { } root)
        {
            return (self, double.NaN);
        }

        double server = 0;
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
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == root || parent == root)
                {
                    server += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                }
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
        }

        return (self, server);
    }
}
