namespace MediaBib.Domain.Sites;

/// <summary>
/// When a library is open: weekly hours minus closed days. Due dates that fall on a closed day move to the next open
/// day, and closed days do not count as overdue days.
/// </summary>
public sealed class LibraryCalendar
{
    /// <summary>Guard against a calendar with no opening at all (misconfiguration): never loop forever.</summary>
    private const int MaxLookAheadDays = 366;

    private readonly HashSet<DayOfWeek> _openWeekdays;
    private readonly HashSet<DateOnly> _closedDays;

    public LibraryCalendar(IEnumerable<OpeningHours> openingHours, IEnumerable<DateOnly> closedDays)
    {
        _openWeekdays = openingHours.Select(h => h.Day).ToHashSet();
        _closedDays = closedDays.ToHashSet();
    }

    /// <summary>A calendar open every day, for libraries whose hours are not configured yet.</summary>
    public static LibraryCalendar AlwaysOpen { get; } = new(
        Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(0, 0), new TimeOnly(23, 59))), []);

    public bool IsOpen(DateOnly date) =>
        (_openWeekdays.Count == 0 || _openWeekdays.Contains(date.DayOfWeek)) && !_closedDays.Contains(date);

    /// <summary>The given day when open, else the next open day.</summary>
    public DateOnly NextOpenDay(DateOnly date)
    {
        for (var i = 0; i < MaxLookAheadDays; i++)
        {
            var day = date.AddDays(i);
            if (IsOpen(day))
            {
                return day;
            }
        }

        return date;
    }

    /// <summary>Number of open days in (from, to], i.e. days that count as overdue.</summary>
    public int OpenDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsOpen(day))
            {
                count++;
            }
        }

        return count;
    }
}
