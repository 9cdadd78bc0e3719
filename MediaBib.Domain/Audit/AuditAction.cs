namespace MediaBib.Domain.Audit;

/// <summary>What an audit entry records. Stored as its stable code (see <see cref="AuditActions.Code"/>).</summary>
public enum AuditAction
{
    Login,
    Logout,
    LoginFailed,
    Create,
    Update,
    Delete,
    Checkout,
    CheckoutOverride,
    Checkin,
    Renewal,
    HoldPlaced,
    HoldCancelled,
    HoldWaiting,
    HoldExpired,
    HoldFulfilled,
    TransitStarted,
    TransitReceived,
    PatronBlocked,
    PatronUnblocked,
    PatronAnonymized,
    GdprExport,
    FineCreated,
    FinePaid,
    FineWaived,
    ItemLost,
    ItemFound,
    Import,
    Export,
    Configuration,
    PasswordReset,
    AccountDisabled,
    ApiTokenCreated,
    ApiTokenRevoked,
    RfidPadKeyCreated,
    RfidPadKeyRevoked,
    NoticeSent,
    NoticeFailed,

    /// <summary>Two catalogue records merged into one (items and holds moved to the survivor).</summary>
    RecordsMerged,
}

/// <summary>How long an entry must be kept; drives its retention date.</summary>
public enum AuditSeverity
{
    /// <summary>Routine reads and sign-ins: kept 6 months.</summary>
    Info,

    /// <summary>Changes to data: kept 1 year.</summary>
    Notice,

    /// <summary>Refusals overridden, failed sign-ins, blocks: kept 3 years.</summary>
    Warning,

    /// <summary>Security and GDPR actions (erasure, exports of personal data, permissions): kept 5 years.</summary>
    Critical,
}

public static class AuditActions
{
    /// <summary>
    /// Circulation actions carry the change of their subject (the loan a checkout creates, the hold a checkin traps):
    /// one audit row says what happened and what changed, instead of an action row next to a generic create/update
    /// row for the same object. Changes to other objects of the same operation keep rows of their own.
    /// </summary>
    public static bool CarriesSubjectChange(this AuditAction action) => action is AuditAction.Checkout or AuditAction.Checkin
        or AuditAction.Renewal or AuditAction.HoldPlaced or AuditAction.HoldCancelled or AuditAction.HoldWaiting
        or AuditAction.HoldExpired or AuditAction.HoldFulfilled or AuditAction.TransitStarted or AuditAction.TransitReceived
        or AuditAction.FineCreated or AuditAction.FinePaid or AuditAction.FineWaived or AuditAction.ItemLost or AuditAction.ItemFound;

    public static string Code(this AuditAction action) => action switch
    {
        AuditAction.Login => "login",
        AuditAction.Logout => "logout",
        AuditAction.LoginFailed => "login_failed",
        AuditAction.Create => "create",
        AuditAction.Update => "update",
        AuditAction.Delete => "delete",
        AuditAction.Checkout => "checkout",
        AuditAction.CheckoutOverride => "checkout_override",
        AuditAction.Checkin => "checkin",
        AuditAction.Renewal => "renewal",
        AuditAction.HoldPlaced => "hold_placed",
        AuditAction.HoldCancelled => "hold_cancelled",
        AuditAction.HoldWaiting => "hold_waiting",
        AuditAction.HoldExpired => "hold_expired",
        AuditAction.HoldFulfilled => "hold_fulfilled",
        AuditAction.TransitStarted => "transit_started",
        AuditAction.TransitReceived => "transit_received",
        AuditAction.PatronBlocked => "patron_blocked",
        AuditAction.PatronUnblocked => "patron_unblocked",
        AuditAction.PatronAnonymized => "patron_anonymized",
        AuditAction.GdprExport => "gdpr_export",
        AuditAction.FineCreated => "fine_created",
        AuditAction.FinePaid => "fine_paid",
        AuditAction.FineWaived => "fine_waived",
        AuditAction.ItemLost => "item_lost",
        AuditAction.ItemFound => "item_found",
        AuditAction.Import => "import",
        AuditAction.Export => "export",
        AuditAction.Configuration => "configuration",
        AuditAction.PasswordReset => "password_reset",
        AuditAction.AccountDisabled => "account_disabled",
        AuditAction.ApiTokenCreated => "api_token_created",
        AuditAction.ApiTokenRevoked => "api_token_revoked",
        AuditAction.RfidPadKeyCreated => "rfid_pad_key_created",
        AuditAction.RfidPadKeyRevoked => "rfid_pad_key_revoked",
        AuditAction.NoticeSent => "notice_sent",
        AuditAction.NoticeFailed => "notice_failed",
        AuditAction.RecordsMerged => "records_merged",
    };

    /// <summary>Default severity of an action.</summary>
    public static AuditSeverity DefaultSeverity(this AuditAction action) => action switch
    {
        AuditAction.Login or AuditAction.Logout => AuditSeverity.Info,
        AuditAction.LoginFailed or AuditAction.CheckoutOverride or AuditAction.PatronBlocked
            or AuditAction.PatronUnblocked or AuditAction.FineWaived or AuditAction.AccountDisabled => AuditSeverity.Warning,
        AuditAction.PatronAnonymized or AuditAction.GdprExport or AuditAction.PasswordReset
            or AuditAction.ApiTokenCreated or AuditAction.ApiTokenRevoked or AuditAction.RfidPadKeyCreated
            or AuditAction.RfidPadKeyRevoked or AuditAction.Configuration => AuditSeverity.Critical,
        AuditAction.Create or AuditAction.Update or AuditAction.Delete or AuditAction.Checkout or AuditAction.Checkin
            or AuditAction.Renewal or AuditAction.HoldPlaced or AuditAction.HoldCancelled or AuditAction.HoldWaiting
            or AuditAction.HoldExpired or AuditAction.HoldFulfilled or AuditAction.TransitStarted
            or AuditAction.TransitReceived or AuditAction.FineCreated or AuditAction.FinePaid or AuditAction.ItemLost
            or AuditAction.ItemFound or AuditAction.Import or AuditAction.Export
            or AuditAction.NoticeSent or AuditAction.NoticeFailed or AuditAction.RecordsMerged => AuditSeverity.Notice,
    };

    /// <summary>Retention per severity (the specification's retention table).</summary>
    public static DateTime RetainUntil(this AuditSeverity severity, DateTime occurredAt) => severity switch
    {
        AuditSeverity.Info => occurredAt.AddMonths(6),
        AuditSeverity.Notice => occurredAt.AddYears(1),
        AuditSeverity.Warning => occurredAt.AddYears(3),
        AuditSeverity.Critical => occurredAt.AddYears(5),
    };
}
