using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MediaBib.Infrastructure.Tests.Notifications;

/// <summary>
/// The SMS gateway lives outside the machine, so a real HTTP listener on loopback stands in for it and keeps every
/// request's JSON body and token header.
/// </summary>
public sealed class SmsGatewayStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public SmsGatewayStandIn()
    {
        var port = SmtpCapture.FreePort();
        Url = $"http://127.0.0.1:{port}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(JsonDocument Body, string? Token)> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((JsonDocument.Parse(body), context.Request.Headers["X-Api-Key"]));
            var answer = Encoding.UTF8.GetBytes("{\"id\":\"sms-1\"}");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}
