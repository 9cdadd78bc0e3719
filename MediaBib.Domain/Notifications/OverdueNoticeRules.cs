using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MediaBib.Domain.Notifications;

/// <summary>An open loan past its due date, with what a notice needs to say about its item.</summary>
public sealed record OverdueLoan(Guid LoanId, Guid PatronId, Guid PatronCategoryId, Guid LibraryId, DateTime DueAt, NoticeItem Item);

/// <summary>A reminder to create: one patron, one level, every item of that level.</summary>
public sealed record PlannedOverdueNotice(Guid PatronId, Guid LibraryId, OverdueLevel Level, IReadOnlyList<NoticeItem> Items)
{
    /// <summary>
    /// kind + patron + level + a hash of the (loan, due date) set: planning the same situation twice, on one node or
    /// two, yields the same key, which the database refuses to store twice.
    /// </summary>
    public string IdempotencyKey => NoticeKeys.For(NoticeKind.OverdueReminder, PatronId, Level.Level,
        Items.Select(i => $"{i.LoanId:N}@{i.LoanDueAt?.Ticks.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// Which overdue reminders are due: for each open loan, the highest level whose delay has passed and that the loan
/// (with this due date) has not been reminded at yet; then one notice per patron and level gathering all their items.
/// A loan that skipped levels (the job did not run for a while) gets only the highest level reached.
/// </summary>
public static class OverdueNoticeRules
{
    public static IReadOnlyList<PlannedOverdueNotice> Plan(
        IEnumerable<OverdueLoan> loans,
        IReadOnlyCollection<OverdueLevel> levels,
        IReadOnlySet<(Guid LoanId, DateTime DueAt, int Level)> alreadyNotified,
        DateTime utcNow)
    {
        var due = new List<(OverdueLoan Loan, OverdueLevel Level)>();
        var notified = HighestNotified(alreadyNotified);
        var levelsOf = new Dictionary<(Guid, Guid), List<OverdueLevel>>();
        foreach (var loan in loans)
        {
            var reached = Reached(levelsOf, levels, loan, utcNow);
            if (reached is null)
            {
                continue;
            }

            var notifiedAtOrAbove = notified.TryGetValue((loan.LoanId, loan.DueAt), out var highest) && highest >= reached.Level;
            if (!notifiedAtOrAbove)
            {
                due.Add((loan, reached));
            }
        }

        return [.. due
            .GroupBy(d => (d.Loan.PatronId, d.Level.Level))
            .Select(g =>
            {
                var ordered = g.OrderBy(d => d.Loan.DueAt).ThenBy(d => d.Loan.Item.Title, StringComparer.Ordinal).ToList();
                return new PlannedOverdueNotice(g.Key.PatronId, ordered[0].Loan.LibraryId, ordered[0].Level,
                    [.. ordered.Select(d => d.Loan.Item)]);
            })
            .OrderBy(p => p.PatronId)
            .ThenBy(p => p.Level.Level)];
    }

    /// <summary>
    /// The loans to declare lost and charge: their highest level reached says <see cref="OverdueAction.MarkLostAndCharge"/>
    /// and the patron was already told at that level (so a crash between the notice and the charge is caught up later).
    /// </summary>
    public static IReadOnlyList<OverdueLoan> ToDeclareLost(
        IEnumerable<OverdueLoan> loans,
        IReadOnlyCollection<OverdueLevel> levels,
        IReadOnlySet<(Guid LoanId, DateTime DueAt, int Level)> alreadyNotified,
        DateTime utcNow)
    {
        var notified = HighestNotified(alreadyNotified);
        var levelsOf = new Dictionary<(Guid, Guid), List<OverdueLevel>>();
        return [.. loans.Where(loan => Reached(levelsOf, levels, loan, utcNow) is { Action: OverdueAction.MarkLostAndCharge } reached
            && notified.TryGetValue((loan.LoanId, loan.DueAt), out var highest) && highest >= reached.Level)];
    }

    private static Dictionary<(Guid, DateTime), int> HighestNotified(IEnumerable<(Guid LoanId, DateTime DueAt, int Level)> notified)
    {
        var highest = new Dictionary<(Guid, DateTime), int>();
        foreach (var (loanId, dueAt, level) in notified)
        {
            if (!highest.TryGetValue((loanId, dueAt), out var known) || known < level)
            {
                highest[(loanId, dueAt)] = level;
            }
        }

        return highest;
    }

    private static OverdueLevel? Reached(Dictionary<(Guid, Guid), List<OverdueLevel>> cache, IReadOnlyCollection<OverdueLevel> levels, OverdueLoan loan, DateTime utcNow)
    {
        if (!cache.TryGetValue((loan.LibraryId, loan.PatronCategoryId), out var applicable))
        {
            applicable = [.. LevelsFor(levels, loan.LibraryId, loan.PatronCategoryId)];
            cache[(loan.LibraryId, loan.PatronCategoryId)] = applicable;
        }

        return applicable.Where(l => l.IsReached(loan.DueAt, utcNow)).MaxBy(l => l.Level);
    }

    /// <summary>The category's own levels at that library, else the library's levels for every category.</summary>
    public static IEnumerable<OverdueLevel> LevelsFor(IEnumerable<OverdueLevel> levels, Guid libraryId, Guid categoryId)
    {
        var atLibrary = levels.Where(l => l.LibraryId == libraryId).ToList();
        var specific = atLibrary.Where(l => l.PatronCategoryId == categoryId).ToList();
        return specific.Count > 0 ? specific : atLibrary.Where(l => l.PatronCategoryId is null);
    }
}

public static class NoticeKeys
{
    public static string For(NoticeKind kind, Guid patronId, int level, IEnumerable<string> parts)
    {
        var joined = string.Join('|', parts.Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..20];
        return string.Create(CultureInfo.InvariantCulture, $"{kind.Code()}:{patronId:N}:{level}:{hash}");
    }
}
