namespace MediaBib.Domain.Circulation;

/// <summary>
/// Library days are Paris days: a loan due on a date is due until the end of that day in Europe/Paris, and overdue
/// days are counted on Paris dates. Instants stay UTC everywhere else.
/// </summary>
public static class LibraryTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly Today(DateTime utcNow) => DateOnly.FromDateTime(ToLocal(utcNow));

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The last second of a Paris day, as UTC (23:59:59 local).</summary>
    public static DateTime EndOfDayUtc(DateOnly date)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(new TimeOnly(23, 59, 59)), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
