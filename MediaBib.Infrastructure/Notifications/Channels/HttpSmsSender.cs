using System.Net;
using System.Text;
using System.Text.Json;
using MediaBib.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Notifications.Channels;

/// <summary>A generic HTTP/JSON SMS gateway (section <c>Notices:Sms</c>).</summary>
public sealed class HttpSmsOptions
{
    public const string Section = "Notices:Sms";

    public string Url { get; set; } = "";

    /// <summary>Header carrying the token, e.g. <c>Authorization</c> (with a token "Bearer …") or <c>X-Api-Key</c>.</summary>
    public string TokenHeader { get; set; } = "Authorization";

    public string? Token { get; set; }

    /// <summary>
    /// The JSON body with placeholders <c>{to}</c>, <c>{text}</c>, <c>{sender}</c> and <c>{reference}</c>, each replaced by the
    /// JSON-escaped value (the placeholder goes inside quotes).
    /// </summary>
    public string BodyTemplate { get; set; } = """{"to":"{to}","text":"{text}","sender":"{sender}","reference":"{reference}"}""";

    /// <summary>Sender name shown on the phone (11 characters at most for most operators).</summary>
    public string Sender { get; set; } = "MEDIATHEQUE";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Null when usable, else one sentence naming the setting to fix.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "SMS notices need the gateway address: set Notices__Sms__Url to an http(s) URL.";
        }

        try
        {
            using var _ = JsonDocument.Parse(HttpSmsSender.FillBody(BodyTemplate, "+33600000000", "test", Sender, "ref"));
            return null;
        }
        catch (JsonException ex)
        {
            return $"Notices__Sms__BodyTemplate is not valid JSON once filled in: {ex.Message}";
        }
    }
}

/// <summary>Sends SMS by POSTing a JSON body built from <see cref="HttpSmsOptions.BodyTemplate"/> to the gateway.</summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<HttpSmsOptions> options) : INoticeChannelSender
{
    private readonly HttpSmsOptions _options = options.Value;

    public NoticeChannel Channel => NoticeChannel.Sms;

    public string? AddressOf(NoticeRecipient recipient) => NormalizePhone(recipient.Phone);

    public async Task<string> SendAsync(OutgoingNotice notice, CancellationToken ct)
    {
        var to = AddressOf(notice.Recipient) ?? throw new NoticeSendException("Pas de numéro de téléphone mobile.", isTransient: false, isBounce: true);
        var body = FillBody(_options.BodyTemplate, to, notice.Content.Text.Trim(), _options.Sender, notice.NoticeId.ToString("N"));
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.TryAddWithoutValidation(_options.TokenHeader, _options.Token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new NoticeSendException($"Passerelle SMS injoignable : {ex.Message}", isTransient: true, inner: ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new NoticeSendException("La passerelle SMS n'a pas répondu à temps.", isTransient: true, inner: ex);
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return answer.Length > 300 ? answer[..300] : answer;
            }

            var status = (int)response.StatusCode;
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            throw new NoticeSendException($"Passerelle SMS : HTTP {status} {answer}", transient, isBounce: !transient && status != 401 && status != 403);
        }
    }

    internal static string FillBody(string template, string to, string text, string sender, string reference) => template
        .Replace("{to}", Escape(to), StringComparison.Ordinal)
        .Replace("{text}", Escape(text), StringComparison.Ordinal)
        .Replace("{sender}", Escape(sender), StringComparison.Ordinal)
        .Replace("{reference}", Escape(reference), StringComparison.Ordinal);

    /// <summary>French numbers to E.164 (06 12 34 56 78 → +33612345678); other international numbers kept.</summary>
    internal static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);
        if (digits.StartsWith('+') && digits.Length >= 8)
        {
            return digits;
        }

        return digits.Length == 10 && digits[0] == '0' ? "+33" + digits[1..] : null;
    }

    private static string Escape(string value)
    {
        var json = JsonSerializer.Serialize(value);
        return json[1..^1];
    }
}
