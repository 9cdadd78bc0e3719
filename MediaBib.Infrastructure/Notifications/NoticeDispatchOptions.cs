namespace MediaBib.Infrastructure.Notifications;

/// <summary>How the dispatcher claims and retries notices (section <c>Notices:Dispatch</c>).</summary>
public sealed class NoticeDispatchOptions
{
    public const string Section = "Notices:Dispatch";

    /// <summary>Notices claimed per round trip.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claim lasts. A notice still Sending after it (its dispatcher crashed) is claimed again, so it must
    /// exceed the time all retries on one channel can take.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts on one channel before falling back to the next (1 = no retry).</summary>
    public int MaxAttemptsPerChannel { get; set; } = 3;

    /// <summary>Notices sent at the same time by one dispatcher (each on its own connection).</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>First retry delay; each further retry doubles it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
