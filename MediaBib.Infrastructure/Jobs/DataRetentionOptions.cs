namespace MediaBib.Infrastructure.Jobs;

/// <summary>How long the housekeeping jobs keep data (section <c>Jobs:Retention</c>).</summary>
public sealed class DataRetentionOptions
{
    public const string Section = "Jobs:Retention";

    /// <summary>
    /// Returned loans of patrons who did not ask to keep their reading history lose their patron link after this many
    /// months (GDPR: keep personal data only as long as the loan needs it, for disputes over returns and fines).
    /// </summary>
    public int LoanHistoryMonths { get; set; } = 4;

    /// <summary>Delivered domain events are kept this long for diagnosis, then deleted.</summary>
    public TimeSpan OutboxKeep { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rows changed per statement, so one run never holds long locks.</summary>
    public int BatchSize { get; set; } = 1000;
}
