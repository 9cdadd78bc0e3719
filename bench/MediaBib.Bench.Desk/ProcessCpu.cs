using System.Globalization;

namespace MediaBib.Bench.Desk;

/// <summary>CPU seconds of a process and all its descendants, read from /proc (Linux clock ticks of 10 ms).</summary>
internal static class ProcessCpu
{
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

        return total / 100.0;
    }

    public static long RssKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
