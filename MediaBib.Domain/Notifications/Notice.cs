using MediaBib.Domain.Common;

namespace MediaBib.Domain.Notifications;

/// <summary>
/// One line of the notification log: one message to one patron on one channel, with the items it is about. It is
/// created once (its <see cref="IdempotencyKey"/> is unique in the database) and moves Queued → Sending → Sent, or
/// to FellBack/Bounced (a new notice on the next channel takes over) or Failed (no channel left).
/// </summary>
public sealed class Notice : Entity
{
    public const int IdempotencyKeyMaxLength = 200;
    public const int TemplateKeyMaxLength = 64;
    public const int ErrorMaxLength = 2000;

    private List<NoticeItem> _items = [];
    private List<NoticeChannel> _fallbackChannels = [];

    private Notice()
    {
    }

    /// <summary>A queued notice. The first of <paramref name="channels"/> is used now, the others in order on fallback.</summary>
    public Notice(
        Guid patronId,
        Guid libraryId,
        NoticeKind kind,
        int level,
        IReadOnlyList<NoticeChannel> channels,
        string templateKey,
        IEnumerable<NoticeItem> items,
        string idempotencyKey,
        DateTime utcNow)
    {
        if (channels.Count == 0)
        {
            throw new ValidationException("channels", ValidationError.Required);
        }

        PatronId = patronId;
        LibraryId = libraryId;
        Kind = kind;
        Level = Guard.NotNegative(level, nameof(Level));
        Channel = channels[0];
        _fallbackChannels = [.. channels.Skip(1).Distinct().Where(c => c != channels[0])];
        TemplateKey = Guard.Required(templateKey, nameof(TemplateKey), TemplateKeyMaxLength);
        _items = [.. items];
        IdempotencyKey = Guard.Required(idempotencyKey, nameof(IdempotencyKey), IdempotencyKeyMaxLength);
        Status = NoticeStatus.Queued;
        NextAttemptAt = utcNow;
    }

    public Guid PatronId { get; private set; }

    /// <summary>The library that writes (letterhead, signature, reply address).</summary>
    public Guid LibraryId { get; private set; }

    public NoticeKind Kind { get; private set; }

    /// <summary>Reminder level for overdue notices (1, 2, 3…); 0 for other kinds.</summary>
    public int Level { get; private set; }

    public NoticeChannel Channel { get; private set; }

    /// <summary>Channels still to try, in order, if this one fails.</summary>
    public IReadOnlyList<NoticeChannel> FallbackChannels => _fallbackChannels;

    public string TemplateKey { get; private set; } = "";

    public IReadOnlyList<NoticeItem> Items => _items;

    public NoticeStatus Status { get; private set; }

    /// <summary>Send attempts made on this channel (each retry counts).</summary>
    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>While <see cref="Status"/> is Sending: the claim ends here, after which another dispatcher may take it.</summary>
    public DateTime? LeaseUntil { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Unique per notice, so planning twice (or on two nodes) never creates the same notice twice.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public DateTime? SentAt { get; private set; }

    /// <summary>Email address, phone number or postal address the notice went to.</summary>
    public string? Recipient { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>The text as rendered when sent, kept so staff see in the patron file what the patron received.</summary>
    public string? Body { get; private set; }

    /// <summary>Message-Id, gateway reference, or the print batch for letters.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>The notice on the previous channel that this one replaces.</summary>
    public Guid? FallbackOfId { get; private set; }

    /// <summary>Letters: the PDF batch the letter was printed in; null while it waits for the next batch.</summary>
    public Guid? PrintBatchId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public override string ToAuditLabel() => $"Avis {Kind.Code()} {Channel.Code()} ({IdempotencyKey})";

    /// <summary>True when a dispatcher may take this notice now: due and queued, or left in Sending past its lease.</summary>
    public bool IsClaimable(DateTime utcNow) =>
        Status == NoticeStatus.Queued && NextAttemptAt <= utcNow
        || Status == NoticeStatus.Sending && LeaseUntil is { } until && until <= utcNow;

    public void Claim(DateTime utcNow, TimeSpan lease)
    {
        if (!IsClaimable(utcNow))
        {
            throw new DomainException($"Notice {Id} is {Status} and cannot be claimed.");
        }

        Status = NoticeStatus.Sending;
        LeaseUntil = utcNow + lease;
    }

    public void RecordContent(string recipient, string? subject, string body)
    {
        Recipient = recipient.Length > 500 ? recipient[..500] : recipient;
        Subject = subject;
        Body = body;
    }

    /// <summary>Counts attempts made on the current channel (retries included) and keeps the last error.</summary>
    public void RecordAttempts(int attempts, string? lastError)
    {
        Attempts += attempts;
        if (lastError is not null)
        {
            LastError = lastError.Length > ErrorMaxLength ? lastError[..ErrorMaxLength] : lastError;
        }
    }

    public void MarkSent(DateTime utcNow, string? providerReference)
    {
        EnsureSending();
        Status = NoticeStatus.Sent;
        SentAt = utcNow;
        LeaseUntil = null;
        ProviderReference = providerReference;
    }

    /// <summary>
    /// Ends this channel after its last failure. Returns the notice on the next channel (same items, queued now), or
    /// null when none is left and the notice has failed.
    /// </summary>
    public Notice? GiveUp(DateTime utcNow, bool bounced)
    {
        EnsureSending();
        LeaseUntil = null;
        if (_fallbackChannels.Count == 0)
        {
            Status = bounced ? NoticeStatus.Bounced : NoticeStatus.Failed;
            return null;
        }

        Status = bounced ? NoticeStatus.Bounced : NoticeStatus.FellBack;
        var next = new Notice(PatronId, LibraryId, Kind, Level, _fallbackChannels, TemplateKey, _items,
            $"{IdempotencyKey}/{_fallbackChannels[0].Code()}", utcNow)
        {
            FallbackOfId = Id,
        };
        return next;
    }

    /// <summary>Gives the claim back without an attempt (the dispatcher is stopping).</summary>
    public void Release(DateTime utcNow)
    {
        EnsureSending();
        Status = NoticeStatus.Queued;
        LeaseUntil = null;
        NextAttemptAt = utcNow;
    }

    public void AssignToPrintBatch(Guid batchId)
    {
        if (Channel != NoticeChannel.Letter || Status != NoticeStatus.Sent || PrintBatchId is not null)
        {
            throw new DomainException($"Notice {Id} is not a letter waiting for a print batch.");
        }

        PrintBatchId = batchId;
    }

    private void EnsureSending()
    {
        if (Status != NoticeStatus.Sending)
        {
            throw new DomainException($"Notice {Id} is {Status}, not Sending.");
        }
    }
}
