using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MediaBib.Domain.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MediaBib.Infrastructure.Notifications.Channels;

/// <summary>
/// Email through any SMTP server (MailKit), with a text and an HTML part. The Message-Id is derived from the notice,
/// so a message re-sent after a crash between hand-over and bookkeeping carries the same id and can be deduplicated.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : INoticeChannelSender
{
    private readonly SmtpOptions _options = options.Value;

    public NoticeChannel Channel => NoticeChannel.Email;

    public string? AddressOf(NoticeRecipient recipient) =>
        recipient.Email is { } email && MailboxAddress.TryParse(email, out _) && email.Contains('@', StringComparison.Ordinal) ? email : null;

    public async Task<string> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        var to = AddressOf(notice.Recipient) ?? throw new NoticeSendException("Pas d'adresse électronique valide.", isTransient: false, isBounce: true);
        using var message = BuildMessage(notice, to);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _options.SocketOptions, ct);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return message.MessageId ?? "";
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            throw failure;
        }
    }

    private MimeMessage BuildMessage(OutgoingNotice notice, string to)
    {
        var message = new MimeMessage
        {
            Subject = notice.Content.Subject,
            MessageId = $"notice-{notice.NoticeId:N}@mediabib",
        };
        message.From.Add(new MailboxAddress(_options.FromName, _options.FromAddress));
        message.To.Add(new MailboxAddress(notice.Recipient.FullName, to));
        if (notice.Library.Email is { Length: > 0 } replyTo && MailboxAddress.TryParse(replyTo, out var reply))
        {
            message.ReplyTo.Add(reply);
        }

        message.Headers.Add("X-MediaBib-Notice", notice.NoticeId.ToString());
        var body = new BodyBuilder { TextBody = notice.Content.Text, HtmlBody = notice.Content.Html };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static NoticeSendException? Classify(Exception ex) => ex switch
    {
        NoticeSendException => null,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c when (int)c.StatusCode >= 500 =>
            new NoticeSendException($"Adresse refusée par le serveur SMTP ({(int)c.StatusCode}) : {c.Message}", isTransient: false, isBounce: true, ex),
        SmtpCommandException c => new NoticeSendException($"Réponse SMTP {(int)c.StatusCode} : {c.Message}", isTransient: (int)c.StatusCode < 500, inner: ex),
        AuthenticationException => new NoticeSendException($"Authentification SMTP refusée : {ex.Message}", isTransient: false, inner: ex),
        SslHandshakeException => new NoticeSendException($"Échec de la négociation TLS : {ex.Message}", isTransient: false, inner: ex),
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException =>
            new NoticeSendException($"Serveur SMTP injoignable : {ex.Message}", isTransient: true, inner: ex),
        _ => null,
    };
}
