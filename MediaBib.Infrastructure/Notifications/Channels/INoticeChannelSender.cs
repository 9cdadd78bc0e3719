using MediaBib.Domain.Notifications;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Notifications.Templates;

namespace MediaBib.Infrastructure.Notifications.Channels;

/// <summary>Who a notice goes to, with every address the patron gave.</summary>
public sealed record NoticeRecipient(string FullName, string? Email, string? Phone, Address Address);

/// <summary>A rendered notice ready for a channel.</summary>
public sealed record OutgoingNotice(Guid NoticeId, NoticeRecipient Recipient, RenderedNotice Content, NoticeLibraryModel Library);

/// <summary>
/// One way of reaching a patron (email, SMS, letter). Senders throw <see cref="NoticeSendException"/> and say whether
/// trying again may help; the dispatcher retries transient failures and falls back to the next channel after the last.
/// </summary>
public interface INoticeChannelSender
{
    NoticeChannel Channel { get; }

    /// <summary>The address used on this channel, or null when the patron cannot be reached this way.</summary>
    string? AddressOf(NoticeRecipient recipient);

    /// <summary>Sends the notice; returns the provider's reference (Message-Id, gateway id, print queue).</summary>
    Task<string> SendAsync(OutgoingNotice notice, CancellationToken ct);
}

/// <summary>A channel could not take a notice.</summary>
public sealed class NoticeSendException(string message, bool isTransient, bool isBounce = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Trying again later may work (network down, server busy, 4xx SMTP reply, HTTP 5xx/429).</summary>
    public bool IsTransient { get; } = isTransient;

    /// <summary>The address itself was refused; trying it again is pointless.</summary>
    public bool IsBounce { get; } = isBounce;
}
