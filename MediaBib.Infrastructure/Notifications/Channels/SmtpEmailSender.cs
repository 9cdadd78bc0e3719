using System.Collections.Concurrent;
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
/// Connections are kept open between messages (a few idle ones, each closed after
/// <see cref="SmtpOptions.MaxMessagesPerConnection"/> messages); a kept connection the server has closed meanwhile is
/// replaced by a new one for the same message.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : INoticeChannelSender, IDisposable
{
    private const int MaxIdleConnections = 8;

    private readonly SmtpOptions _options = options.Value;
    private readonly ConcurrentQueue<PooledClient> _idle = new();

    public NoticeChannel Channel => NoticeChannel.Email;

    public string? AddressOf(NoticeRecipient recipient) =>
        recipient.Email is { } email && MailboxAddress.TryParse(email, out _) && email.Contains('@', StringComparison.Ordinal) ? email : null;

    public async Task<string> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        var to = AddressOf(notice.Recipient) ?? throw new NoticeSendException("Pas d'adresse électronique valide.", isTransient: false, isBounce: true);
        using var message = BuildMessage(notice, to);
        var pooled = TakeIdle();
        if (pooled is not null)
        {
            try
            {
                await pooled.Client.SendAsync(message, ct);
                Return(pooled);
                return message.MessageId ?? "";
            }
            catch (Exception ex) when (ex is IOException or ServiceNotConnectedException or SmtpProtocolException or SocketException)
            {
                // The server closed the kept connection (idle timeout): send on a new one below.
                pooled.Client.Dispose();
            }
            catch (Exception ex) when (Classify(ex) is { } failure)
            {
                pooled.Client.Dispose();
                throw failure;
            }
            catch
            {
                pooled.Client.Dispose();
                throw;
            }
        }

        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(await OpenSocketAsync(ct), _options.Host, _options.Port, _options.SocketOptions, ct);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            Return(new PooledClient(client));
            return message.MessageId ?? "";
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            client.Dispose();
            throw failure;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A TCP socket with Nagle's algorithm off: a message body goes out in several small writes, and with Nagle on each
    /// one after the first waits for the server's delayed ACK (about 40 ms per message).
    /// </summary>
    private async Task<Socket> OpenSocketAsync(CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No answer from {_options.Host}:{_options.Port} within {_options.Timeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var pooled))
        {
            pooled.Client.Dispose();
        }
    }

    private PooledClient? TakeIdle()
    {
        while (_idle.TryDequeue(out var pooled))
        {
            if (pooled.Client.IsConnected)
            {
                return pooled;
            }

            pooled.Client.Dispose();
        }

        return null;
    }

    private void Return(PooledClient pooled)
    {
        pooled.Sent++;
        if (pooled.Sent < _options.MaxMessagesPerConnection && _idle.Count < MaxIdleConnections)
        {
            _idle.Enqueue(pooled);
            return;
        }

        _ = CloseAsync(pooled.Client);
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
        {
            // Closing anyway.
        }
        finally
        {
            client.Dispose();
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

    private sealed class PooledClient(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;

        public int Sent { get; set; }
    }
}
