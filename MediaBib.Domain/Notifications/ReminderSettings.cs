using MediaBib.Domain.Common;

namespace MediaBib.Domain.Notifications;

/// <summary>
/// When a library writes to the patrons of a category (or of every category when <see cref="PatronCategoryId"/> is
/// null) before something happens: a courtesy reminder some days before a loan's due date, and a reminder some days
/// before the card expires. Without a row the defaults apply (<see cref="Defaults"/>).
/// </summary>
public sealed class ReminderSettings : Entity
{
    public const int DefaultCourtesyDaysBefore = 3;
    public const int DefaultCardExpiryDaysBefore = 30;

    private List<NoticeChannel> _channels = [];

    private ReminderSettings()
    {
    }

    public ReminderSettings(Guid libraryId, Guid? patronCategoryId, int? courtesyDaysBefore, int? cardExpiryDaysBefore, IEnumerable<NoticeChannel> channels)
    {
        LibraryId = libraryId;
        PatronCategoryId = patronCategoryId;
        Change(courtesyDaysBefore, cardExpiryDaysBefore, channels);
    }

    public Guid LibraryId { get; private set; }

    public Guid? PatronCategoryId { get; private set; }

    /// <summary>Days before the due date when the courtesy reminder goes out; null sends none.</summary>
    public int? CourtesyDaysBefore { get; private set; }

    /// <summary>Days before the card's expiry date when the reminder goes out; null sends none.</summary>
    public int? CardExpiryDaysBefore { get; private set; }

    /// <summary>Channels in order of preference (letters cost money: the defaults are email then SMS).</summary>
    public IReadOnlyList<NoticeChannel> Channels => _channels;

    /// <summary>What applies where nothing is configured: 3 days before the due date, 30 before expiry, email then SMS.</summary>
    public static ReminderSettings Defaults(Guid libraryId) =>
        new(libraryId, null, DefaultCourtesyDaysBefore, DefaultCardExpiryDaysBefore, [NoticeChannel.Email, NoticeChannel.Sms]);

    public override string ToAuditLabel() => $"Rappels avant échéance (J-{CourtesyDaysBefore}, carte J-{CardExpiryDaysBefore})";

    public void Change(int? courtesyDaysBefore, int? cardExpiryDaysBefore, IEnumerable<NoticeChannel> channels)
    {
        CourtesyDaysBefore = courtesyDaysBefore is { } c ? Guard.NotNegative(c, nameof(CourtesyDaysBefore)) : null;
        CardExpiryDaysBefore = cardExpiryDaysBefore is { } e ? Guard.NotNegative(e, nameof(CardExpiryDaysBefore)) : null;
        var ordered = channels.Distinct().ToList();
        _channels = ordered.Count == 0 ? throw new ValidationException(nameof(Channels), ValidationError.Required) : ordered;
    }

    /// <summary>The category's own settings at that library, else the library's for every category, else the defaults.</summary>
    public static ReminderSettings For(IEnumerable<ReminderSettings> settings, Guid libraryId, Guid categoryId)
    {
        ReminderSettings? general = null;
        foreach (var s in settings)
        {
            if (s.LibraryId != libraryId)
            {
                continue;
            }

            if (s.PatronCategoryId == categoryId)
            {
                return s;
            }

            if (s.PatronCategoryId is null)
            {
                general = s;
            }
        }

        return general ?? Defaults(libraryId);
    }
}
