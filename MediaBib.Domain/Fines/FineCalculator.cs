using MediaBib.Domain.Circulation;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Fines;

/// <summary>
/// The price of a late return. <c>OverdueDays</c> counts open days of the lending library after the due date;
/// <c>ChargeableDays</c> are those beyond the grace days; amount and suspension both grow with chargeable days.
/// </summary>
public sealed record OverdueCharge(int OverdueDays, int ChargeableDays, decimal Amount, int SuspensionDays)
{
    public static OverdueCharge None { get; } = new(0, 0, 0m, 0);
}

public static class FineCalculator
{
    /// <summary>
    /// Computes the overdue fine and suspension for a loan due at <paramref name="dueAt"/> and returned (or still out)
    /// at <paramref name="returnedAt"/>. Closed days never count. The amount is capped per item and, when the rule
    /// says so, at the item's replacement price.
    /// </summary>
    public static OverdueCharge Overdue(CirculationPolicy policy, LibraryCalendar calendar, DateTime dueAt, DateTime returnedAt, decimal? replacementPrice)
    {
        if (returnedAt <= dueAt)
        {
            return OverdueCharge.None;
        }

        var overdue = calendar.OpenDaysBetween(LibraryTime.Today(dueAt), LibraryTime.Today(returnedAt));
        var chargeable = Math.Max(0, overdue - policy.GraceDays);
        var amount = chargeable * policy.FinePerDay;
        if (policy.FineCapPerItem is { } cap && amount > cap)
        {
            amount = cap;
        }

        if (policy.CapAtReplacementPrice && replacementPrice is { } price && amount > price)
        {
            amount = price;
        }

        var suspension = chargeable * policy.SuspensionDaysPerOverdueDay;
        if (policy.MaxSuspensionDays is { } maxSuspension && suspension > maxSuspension)
        {
            suspension = maxSuspension;
        }

        return new OverdueCharge(overdue, chargeable, decimal.Round(amount, 2), suspension);
    }

    /// <summary>The last day of a suspension that starts with a return today (null when none).</summary>
    public static DateOnly? SuspendedUntil(OverdueCharge charge, DateOnly returnDay) =>
        charge.SuspensionDays > 0 ? returnDay.AddDays(charge.SuspensionDays) : null;
}
