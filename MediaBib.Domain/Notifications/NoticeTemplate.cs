using MediaBib.Domain.Common;

namespace MediaBib.Domain.Notifications;

/// <summary>
/// The text of a notice for one channel, in Liquid syntax, editable by an administrator. Keys name the notice
/// ("overdue-1", "hold-ready"…); one template per key, channel and language.
/// </summary>
public sealed class NoticeTemplate : Entity
{
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 20_000;

    private NoticeTemplate()
    {
    }

    public NoticeTemplate(string key, NoticeChannel channel, string subject, string bodyText, string? bodyHtml, string language = "fr")
    {
        Key = Guard.Required(key, nameof(Key), Notice.TemplateKeyMaxLength);
        Channel = channel;
        Language = Guard.Required(language, nameof(Language), 8);
        Edit(subject, bodyText, bodyHtml);
    }

    public string Key { get; private set; } = "";

    public NoticeChannel Channel { get; private set; }

    public string Language { get; private set; } = "fr";

    /// <summary>Email subject (also the letter's "Objet"); SMS ignore it.</summary>
    public string Subject { get; private set; } = "";

    public string BodyText { get; private set; } = "";

    /// <summary>HTML part of an email; null sends text only.</summary>
    public string? BodyHtml { get; private set; }

    public override string ToAuditLabel() => $"Modèle {Key} ({Channel.Code()}, {Language})";

    public void Edit(string subject, string bodyText, string? bodyHtml)
    {
        Subject = Guard.Optional(subject, nameof(Subject), SubjectMaxLength) ?? "";
        BodyText = Guard.Required(bodyText, nameof(BodyText), BodyMaxLength);
        BodyHtml = Guard.Optional(bodyHtml, nameof(BodyHtml), BodyMaxLength);
    }
}
