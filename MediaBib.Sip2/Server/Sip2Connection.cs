using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MediaBib.Sip2.Protocol;
using Microsoft.Extensions.Logging;

namespace MediaBib.Sip2.Server;

/// <summary>
/// One terminal connection: reads frames, answers each through its session, closes after the idle timeout, at
/// shutdown (between messages) or when the terminal hangs up.
/// </summary>
public sealed class Sip2Connection(
    TcpClient client,
    Sip2SessionFactory sessions,
    Sip2Options options,
    X509Certificate2? certificate,
    ILogger<Sip2Connection> logger)
{
    public async Task RunAsync(CancellationToken stopReading, CancellationToken hardStop)
    {
        var remote = client.Client.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address ?? IPAddress.None;
        using var _ = client;
        client.NoDelay = true;
        try
        {
            Stream stream = client.GetStream();
            if (certificate is not null)
            {
                stream = await AuthenticateTlsAsync(stream, stopReading);
            }
            await using (stream)
            {
                logger.LogInformation("SIP2 connection from {Remote}", remote);
                await ServeAsync(stream, address, stopReading, hardStop);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException)
        {
            logger.LogInformation("SIP2 connection from {Remote} ended: {Reason}", remote, e.Message);
            return;
        }
        logger.LogInformation("SIP2 connection from {Remote} closed", remote);
    }

    private async Task<Stream> AuthenticateTlsAsync(Stream stream, CancellationToken stopReading)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopReading);
        timeout.CancelAfter(options.TlsHandshakeTimeout);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, timeout.Token);
        return ssl;
    }

    private async Task ServeAsync(Stream stream, IPAddress address, CancellationToken stopReading, CancellationToken hardStop)
    {
        var session = sessions.Create(address);
        var framer = new Sip2Framer(options.MaxMessageLength);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (!stopReading.IsCancellationRequested)
            {
                ReadResult read;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopReading))
                {
                    idle.CancelAfter(options.IdleTimeout);
                    try
                    {
                        read = await reader.ReadAsync(idle.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        logger.LogInformation("SIP2 {Remote}: {Reason}, closing", address,
                            stopReading.IsCancellationRequested ? "server stopping" : $"idle for {options.IdleTimeout}");
                        return;
                    }
                }
                var buffer = read.Buffer;
                while (framer.TryReadFrame(ref buffer, out var frame))
                {
                    // Once a message is read it is answered even during shutdown: only a hard stop interrupts it.
                    var response = await session.HandleAsync(frame!, hardStop);
                    await stream.WriteAsync(response, hardStop);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }
}
