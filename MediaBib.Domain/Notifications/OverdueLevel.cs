using MediaBib.Domain.Common;

namespace MediaBib.Domain.Notifications;

/// <summary>
/// One step of a library's overdue reminder sequence for a patron category (or for every category when
/// <see cref="PatronCategoryId"/> is null). A library may define as many levels as it wants.
/// </summary>
public sealed class OverdueLevel : Entity
{
    private List<NoticeChannel> _channels = [];

    private OverdueLevel()
    {
    }

    public OverdueLevel(Guid libraryId, Guid? patronCategoryId, int level, int delayDays, IEnumerable<NoticeChannel> channels, string templateKey, OverdueAction action = OverdueAction.None)
    {
        LibraryId = libraryId;
        PatronCategoryId = patronCategoryId;
        Level = level < 1 ? throw new ValidationException(nameof(Level), ValidationError.OutOfRange) : level;
        Change(delayDays, channels, templateKey, action);
    }

    public Guid LibraryId { get; private set; }

    public Guid? PatronCategoryId { get; private set; }

    /// <summary>1 for the first reminder, then 2, 3…</summary>
    public int Level { get; private set; }

    /// <summary>Days after the due date when this reminder goes out.</summary>
    public int DelayDays { get; private set; }

    /// <summary>Channels in order of preference; the next one is used when one fails or the patron has no address for it.</summary>
    public IReadOnlyList<NoticeChannel> Channels => _channels;

    public string TemplateKey { get; private set; } = "";

    public OverdueAction Action { get; private set; }

    public override string ToAuditLabel() => $"Relance niveau {Level} (J+{DelayDays})";

    public void Change(int delayDays, IEnumerable<NoticeChannel> channels, string templateKey, OverdueAction action)
    {
        DelayDays = Guard.NotNegative(delayDays, nameof(DelayDays));
        var ordered = channels.Distinct().ToList();
        _channels = ordered.Count == 0 ? throw new ValidationException(nameof(Channels), ValidationError.Required) : ordered;
        TemplateKey = Guard.Required(templateKey, nameof(TemplateKey), Notice.TemplateKeyMaxLength);
        Action = action;
    }

    public bool IsReached(DateTime dueAt, DateTime utcNow) => dueAt.AddDays(DelayDays) <= utcNow;
}
