using MailKit.Security;
using MimeKit;

namespace MediaBib.Infrastructure.Notifications.Channels;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the local network).</summary>
    None,

    /// <summary>STARTTLS required (submission port 587).</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The SMTP server notices are sent through (section <c>Notices:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notices:Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Leave empty for a server that does not ask for authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "Médiathèque";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Messages sent on one connection before it is closed (a run of notices reuses its connections instead of
    /// opening one per message; servers often cap messages per connection around 100).
    /// </summary>
    public int MaxMessagesPerConnection { get; set; } = 100;

    internal SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
    };

    /// <summary>Null when usable, else one sentence naming the setting to fix.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            return "Email notices need an SMTP server: set Notices__Smtp__Host (for example smtp.example.fr).";
        }

        if (Port is < 1 or > 65535)
        {
            return $"Notices__Smtp__Port must be between 1 and 65535 (it is {Port}).";
        }

        if (!MailboxAddress.TryParse(FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return "Email notices need a sender address: set Notices__Smtp__FromAddress (for example mediatheque@example.fr).";
        }

        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            return "Notices__Smtp__UserName is set but Notices__Smtp__Password is empty: give both or neither.";
        }

        return Timeout <= TimeSpan.Zero ? "Notices__Smtp__Timeout must be positive (for example 00:00:30)." : null;
    }
}
