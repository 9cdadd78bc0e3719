namespace MediaBib.Domain.Notifications;

/// <summary>Why a patron is written to. Overdue reminders also carry a level number (1, 2, 3… as configured).</summary>
public enum NoticeKind
{
    /// <summary>A loan is late; the notice's level says which reminder of the library's sequence it is.</summary>
    OverdueReminder,

    /// <summary>A loan falls due soon ("rappel de courtoisie").</summary>
    Courtesy,

    /// <summary>A hold is waiting on the pickup shelf.</summary>
    HoldReady,

    /// <summary>The patron's card (subscription) expires soon.</summary>
    CardExpiry,
}

/// <summary>How a notice reaches the patron. The order of the members is the default fallback order.</summary>
public enum NoticeChannel
{
    Email,
    Sms,
    Letter,
}

/// <summary>Where a notice stands in the notification log.</summary>
public enum NoticeStatus
{
    /// <summary>Waiting to be sent (again) at <see cref="Notice.NextAttemptAt"/>.</summary>
    Queued,

    /// <summary>Claimed by a dispatcher until its lease ends; a crashed dispatcher's notice is claimed again after that.</summary>
    Sending,

    /// <summary>Handed to the SMTP server or SMS gateway, or put in a print batch for letters.</summary>
    Sent,

    /// <summary>Every channel was tried and none worked (or none was left).</summary>
    Failed,

    /// <summary>The recipient address was refused for good (SMTP 5xx on the recipient, gateway 4xx).</summary>
    Bounced,

    /// <summary>This channel failed; a new notice on the patron's next channel took over.</summary>
    FellBack,
}

/// <summary>What happens to the patron or the loans when an overdue level is reached.</summary>
public enum OverdueAction
{
    None,

    /// <summary>The patron's card is blocked until the items come back.</summary>
    BlockCard,

    /// <summary>The items are declared lost and their replacement price charged (last level only).</summary>
    MarkLostAndCharge,
}

public static class NoticeCodes
{
    /// <summary>Stable code of a kind, used in idempotency keys and template keys.</summary>
    public static string Code(this NoticeKind kind) => kind switch
    {
        NoticeKind.OverdueReminder => "overdue",
        NoticeKind.Courtesy => "courtesy",
        NoticeKind.HoldReady => "hold-ready",
        NoticeKind.CardExpiry => "card-expiry",
    };

    public static string Code(this NoticeChannel channel) => channel switch
    {
        NoticeChannel.Email => "email",
        NoticeChannel.Sms => "sms",
        NoticeChannel.Letter => "letter",
    };
}
