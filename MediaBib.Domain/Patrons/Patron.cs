using MediaBib.Domain.Common;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Patrons;

/// <summary>
/// A registered reader. Personal data lives here only; loans keep the patron's id, which GDPR anonymisation cuts
/// from history. OPAC credentials are the patron's own (card number + password), kept apart from staff accounts.
/// </summary>
public sealed class Patron : Entity
{
    public const int NameMaxLength = 100;

    private Patron()
    {
    }

    public Patron(Guid homeLibraryId, Guid categoryId, CardNumber cardNumber, string firstName, string lastName, DateOnly expiresOn)
    {
        HomeLibraryId = homeLibraryId;
        CategoryId = categoryId;
        CardNumber = cardNumber;
        Rename(firstName, lastName);
        ExpiresOn = expiresOn;
    }

    /// <summary>
    /// A new registration: the subscription runs from <paramref name="today"/> for the category's membership months.
    /// </summary>
    public static Patron Register(Guid homeLibraryId, PatronCategory category, CardNumber cardNumber, string firstName, string lastName, DateOnly today) =>
        new(homeLibraryId, category.Id, cardNumber, firstName, lastName, today.AddMonths(category.MembershipMonths));

    public Guid HomeLibraryId { get; private set; }

    public Guid CategoryId { get; private set; }

    public CardNumber CardNumber { get; private set; }

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public DateOnly? BirthDate { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public Address Address { get; private set; } = Address.Empty;

    /// <summary>End of the current subscription; an expired card blocks checkout.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public bool IsBlocked { get; private set; }

    public string? BlockReason { get; private set; }

    /// <summary>Borrowing suspended until this date (French "suspendu jusqu'au"), in place of or beside fines.</summary>
    public DateOnly? SuspendedUntil { get; private set; }

    /// <summary>What the patron owes, in euros (sum of open fines), kept in step by the fines service.</summary>
    public decimal Balance { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>When the patron agreed to the processing of their data, and to which text version.</summary>
    public DateTime? GdprConsentAt { get; private set; }

    public string? GdprConsentVersion { get; private set; }

    /// <summary>The patron chose to keep their reading history (off by default: history is anonymised).</summary>
    public bool KeepReadingHistory { get; private set; }

    public DateTime? AnonymizedAt { get; private set; }

    /// <summary>
    /// The channel the patron wants notices on first (set from the OPAC); null keeps the library's order. A channel
    /// the patron has no address for is skipped whatever the preference.
    /// </summary>
    public NoticeChannel? PreferredNoticeChannel { get; private set; }

    /// <summary>Hash of the OPAC password (ASP.NET Core password hasher format), null until set.</summary>
    public string? OpacPasswordHash { get; private set; }

    public int OpacFailedLogins { get; private set; }

    public DateTime? OpacLockedUntil { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Display form used at the desk: "DUPONT Marie".</summary>
    public string SortName => $"{LastName.ToUpperInvariant()} {FirstName}";

    public override string ToAuditLabel() => $"{SortName} ({CardNumber})";

    public void Rename(string firstName, string lastName)
    {
        FirstName = Guard.Required(firstName, nameof(FirstName), NameMaxLength);
        LastName = Guard.Required(lastName, nameof(LastName), NameMaxLength);
    }

    public void UpdateContact(DateOnly? birthDate, string? email, string? phone, Address address)
    {
        if (email is not null && !string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            throw new ValidationException(nameof(Email), ValidationError.InvalidFormat);
        }

        BirthDate = birthDate;
        Email = Guard.Optional(email, nameof(Email), 254);
        Phone = Guard.Optional(phone, nameof(Phone), 32);
        Address = address;
    }

    public void ChangeCategory(Guid categoryId) => CategoryId = categoryId;

    public void ChangeHomeLibrary(Guid libraryId) => HomeLibraryId = libraryId;

    public void ChangeCard(CardNumber cardNumber) => CardNumber = cardNumber;

    /// <summary>Renews the subscription from today or from the current expiry, whichever is later.</summary>
    public void RenewMembership(DateOnly today, int months)
    {
        var from = ExpiresOn > today ? ExpiresOn : today;
        ExpiresOn = from.AddMonths(months);
    }

    public bool IsExpired(DateOnly today) => ExpiresOn < today;

    public void Block(string reason)
    {
        IsBlocked = true;
        BlockReason = Guard.Required(reason, "reason", 500);
    }

    public void Unblock()
    {
        IsBlocked = false;
        BlockReason = null;
    }

    /// <summary>Extends a suspension; a shorter new one never shortens the current one.</summary>
    public void SuspendUntil(DateOnly until)
    {
        if (SuspendedUntil is null || until > SuspendedUntil)
        {
            SuspendedUntil = until;
        }
    }

    public void LiftSuspension() => SuspendedUntil = null;

    public bool IsSuspended(DateOnly today) => SuspendedUntil is { } until && until >= today;

    public void SetBalance(decimal balance) => Balance = balance;

    public void SetNotes(string? notes) => Notes = Guard.Optional(notes, nameof(Notes), 4000);

    public void GiveConsent(DateTime utcNow, string version)
    {
        GdprConsentAt = utcNow;
        GdprConsentVersion = Guard.Required(version, "consentVersion", 20);
    }

    /// <summary>The patron withdrew their consent (GDPR art. 7-3): the date and text version are cleared.</summary>
    public void WithdrawConsent()
    {
        GdprConsentAt = null;
        GdprConsentVersion = null;
    }

    public void SetReadingHistoryPreference(bool keep) => KeepReadingHistory = keep;

    public void SetPreferredNoticeChannel(NoticeChannel? channel) => PreferredNoticeChannel = channel;

    public void SetOpacPasswordHash(string hash)
    {
        OpacPasswordHash = hash;
        OpacFailedLogins = 0;
        OpacLockedUntil = null;
    }

    /// <summary>Counts a failed OPAC sign-in; locks the account for 30 minutes after 5 failures.</summary>
    public void RecordFailedOpacLogin(DateTime utcNow)
    {
        OpacFailedLogins++;
        if (OpacFailedLogins >= 5)
        {
            OpacLockedUntil = utcNow.AddMinutes(30);
            OpacFailedLogins = 0;
        }
    }

    public void RecordSuccessfulOpacLogin() => OpacFailedLogins = 0;

    public bool IsOpacLocked(DateTime utcNow) => OpacLockedUntil is { } until && until > utcNow;

    /// <summary>
    /// GDPR erasure: replaces personal data with neutral values. The row stays so loans and fines keep their shape
    /// for statistics, but nothing identifies the person any more.
    /// </summary>
    public void Anonymize(DateTime utcNow)
    {
        FirstName = "Anonyme";
        LastName = "Anonyme";
        BirthDate = BirthDate is { } b ? new DateOnly(b.Year, 1, 1) : null;
        Email = null;
        Phone = null;
        Address = new Address(null, Address.PostalCode, Address.City);
        Notes = null;
        OpacPasswordHash = null;
        CardNumber = CardNumber.From("ANON" + Id.ToString("N")[..20]);
        AnonymizedAt = utcNow;
        IsBlocked = true;
        BlockReason = "Compte anonymisé";
    }
}
