using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications.Channels;

namespace MediaBib.Infrastructure.Notifications.Letters;

/// <summary>
/// Letters are "sent" by joining the print queue: the notice becomes Sent with its rendered text, and
/// <see cref="LetterBatchPrinter"/> later gathers the queued letters into one PDF to print and post.
/// </summary>
public sealed class LetterSender : INoticeChannelSender
{
    public const string PrintQueue = "file-impression";

    public NoticeChannel Channel => NoticeChannel.Letter;

    public string? AddressOf(NoticeRecipient recipient)
    {
        var a = recipient.Address;
        return string.IsNullOrWhiteSpace(a.Street) || string.IsNullOrWhiteSpace(a.PostalCode) || string.IsNullOrWhiteSpace(a.City)
            ? null
            : a.ToString();
    }

    public Task<string> SendAsync(OutgoingNotice notice, CancellationToken ct) =>
        AddressOf(notice.Recipient) is null
            ? throw new NoticeSendException("Adresse postale incomplète.", isTransient: false, isBounce: true)
            : Task.FromResult(PrintQueue);
}
