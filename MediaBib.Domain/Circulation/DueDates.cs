using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Circulation;

/// <summary>Calendar-aware due dates for loans and renewals.</summary>
public static class DueDates
{
    /// <summary>
    /// Day loans are due at the end of a Paris day, moved to the next open day of the lending library; hour loans are
    /// due after the hours, moved (same local time) to the next open day when they fall on a closed one. A hard due
    /// date caps both (never before the end of today).
    /// </summary>
    public static DateTime Compute(DateTime utcNow, int period, LoanPeriodUnit unit, DateOnly? hardDueDate, LibraryCalendar calendar)
    {
        var today = LibraryTime.Today(utcNow);
        DateTime due;
        if (unit == LoanPeriodUnit.Hours)
        {
            due = utcNow.AddHours(period);
            var local = LibraryTime.ToLocal(due);
            var day = DateOnly.FromDateTime(local);
            var open = calendar.NextOpenDay(day);
            due = due.AddDays(open.DayNumber - day.DayNumber);
        }
        else
        {
            due = LibraryTime.EndOfDayUtc(calendar.NextOpenDay(today.AddDays(period)));
        }

        if (hardDueDate is { } hard)
        {
            var cap = LibraryTime.EndOfDayUtc(hard < today ? today : hard);
            due = due > cap ? cap : due;
        }

        return due;
    }

    /// <summary>Whole Paris days from the due date to today (0 when not overdue).</summary>
    public static int DaysOverdue(DateTime dueAt, DateOnly today) =>
        Math.Max(0, today.DayNumber - LibraryTime.Today(dueAt).DayNumber);
}
