namespace MediaBib.Bench;

internal static class Percentiles
{
    public static double Of(List<double> sortedMs, double p)
    {
        if (sortedMs.Count == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100.0 * sortedMs.Count) - 1;
        return sortedMs[Math.Clamp(index, 0, sortedMs.Count - 1)];
    }
}
