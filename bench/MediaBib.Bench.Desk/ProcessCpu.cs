using System.Globalization;

namespace MediaBib.Bench.Desk;

/// <summary>Resident memory of a process, read from /proc (CPU time: <see cref="MediaBib.Bench.CpuMeter.TreeSeconds"/>).</summary>
internal static class ProcessCpu
{
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
