using System.Globalization;
using MediaBib.Domain.Circulation;

namespace MediaBib.Domain.Notifications;

/// <summary>An open loan not yet due, with what a courtesy notice says about its item.</summary>
public sealed record DueSoonLoan(Guid LoanId, Guid PatronId, Guid PatronCategoryId, Guid LibraryId, DateTime DueAt, NoticeItem Item);

/// <summary>A patron whose card expires, as the card expiry planner sees them.</summary>
public sealed record ExpiringCard(Guid PatronId, Guid HomeLibraryId, Guid PatronCategoryId, DateOnly ExpiresOn);

/// <summary>A courtesy or card expiry notice to create.</summary>
public sealed record PlannedReminder(Guid PatronId, Guid LibraryId, NoticeKind Kind, IReadOnlyList<NoticeChannel> Channels, IReadOnlyList<NoticeItem> Items, string IdempotencyKey)
{
    public string TemplateKey => Kind.Code();
}

/// <summary>
/// Reminders before something happens. Courtesy: one notice per patron and due date (Paris day) gathering every loan
/// due that day, sent from N days before it (per library × category) until it is due. Card expiry: one notice per
/// patron and expiry date, from N days before it until it expires. The idempotency keys hold the patron and the date,
/// so each is created once; a renewed loan (new due date) or a renewed card (new expiry date) gets a new one.
/// </summary>
public static class ReminderRules
{
    public static IReadOnlyList<PlannedReminder> PlanCourtesy(IEnumerable<DueSoonLoan> loans, IReadOnlyCollection<ReminderSettings> settings, DateTime utcNow)
    {
        var today = LibraryTime.Today(utcNow);
        var due = new List<(DueSoonLoan Loan, DateOnly Day, ReminderSettings Settings)>();
        foreach (var loan in loans)
        {
            var applicable = ReminderSettings.For(settings, loan.LibraryId, loan.PatronCategoryId);
            var day = LibraryTime.Today(loan.DueAt);
            if (loan.DueAt > utcNow && applicable.CourtesyDaysBefore is { } before && day.AddDays(-before) <= today)
            {
                due.Add((loan, day, applicable));
            }
        }

        return [.. due
            .GroupBy(d => (d.Loan.PatronId, d.Day))
            .Select(g =>
            {
                var ordered = g.OrderBy(d => d.Loan.Item.Title, StringComparer.Ordinal).ThenBy(d => d.Loan.Item.Barcode, StringComparer.Ordinal).ToList();
                return new PlannedReminder(g.Key.PatronId, ordered[0].Loan.LibraryId, NoticeKind.Courtesy, ordered[0].Settings.Channels,
                    [.. ordered.Select(d => d.Loan.Item)], KeyFor(NoticeKind.Courtesy, g.Key.PatronId, g.Key.Day));
            })
            .OrderBy(p => p.PatronId)];
    }

    public static PlannedReminder? PlanCardExpiry(ExpiringCard card, IReadOnlyCollection<ReminderSettings> settings, DateTime utcNow)
    {
        var today = LibraryTime.Today(utcNow);
        var applicable = ReminderSettings.For(settings, card.HomeLibraryId, card.PatronCategoryId);
        return card.ExpiresOn >= today && applicable.CardExpiryDaysBefore is { } before && card.ExpiresOn.AddDays(-before) <= today
            ? new PlannedReminder(card.PatronId, card.HomeLibraryId, NoticeKind.CardExpiry, applicable.Channels, [],
                KeyFor(NoticeKind.CardExpiry, card.PatronId, card.ExpiresOn))
            : null;
    }

    /// <summary>The largest number of days before that any settings (or the defaults) use, to bound the queries.</summary>
    public static int Horizon(IEnumerable<ReminderSettings> settings, Func<ReminderSettings, int?> daysBefore, int defaultDays) =>
        settings.Select(daysBefore).Append(defaultDays).Max(d => d ?? 0);

    private static string KeyFor(NoticeKind kind, Guid patronId, DateOnly day) =>
        NoticeKeys.For(kind, patronId, 0, [day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
}
