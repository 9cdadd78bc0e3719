using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2.Server;

/// <summary>
/// Accepts terminal connections on the configured port (optionally TLS) and runs one <see cref="Sip2Connection"/>
/// each. Stopping closes the listening socket, lets every connection finish the message it is handling and send its
/// answer, then closes them; the host's shutdown timeout bounds the wait.
/// </summary>
public sealed class Sip2Listener(
    IOptions<Sip2Options> options,
    Sip2SessionFactory sessions,
    ILogger<Sip2Listener> logger,
    ILogger<Sip2Connection> connectionLogger) : BackgroundService
{
    private readonly Sip2Options _options = options.Value;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly CancellationTokenSource _hardStop = new();
    private readonly TaskCompletionSource<IPEndPoint> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private X509Certificate2? _certificate;
    private long _nextId;

    /// <summary>Completes with the bound address once the socket listens (port 0 resolves to the real port).</summary>
    public Task<IPEndPoint> Started => _started.Task;

    public int OpenConnections => _connections.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sessions.HasLibrary)
        {
            logger.LogCritical("No ISip2Library is registered: the SIP2 worker answers offline and refuses logins until the circulation engine is wired.");
        }
        var listener = new TcpListener(IPAddress.Parse(_options.BindAddress), _options.Port);
        try
        {
            _certificate = string.IsNullOrWhiteSpace(_options.TlsCertificatePath) ? null : Sip2Tls.LoadCertificate(_options);
            listener.Start(backlog: 512);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            logger.LogCritical(e, "SIP2 cannot listen on {Address}:{Port} (Sip2__BindAddress / Sip2__Port / Sip2__TlsCertificatePath)",
                _options.BindAddress, _options.Port);
            throw;
        }
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        logger.LogInformation("SIP2 listening on {EndPoint}{Tls}", endPoint, _certificate is null ? "" : " (TLS)");
        _started.TrySetResult(endPoint);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                Accept(client);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private void Accept(TcpClient client)
    {
        if (_connections.Count >= _options.MaxConnections)
        {
            logger.LogWarning("SIP2: {Count} connections open (Sip2__MaxConnections), refusing {Remote}", _connections.Count, client.Client.RemoteEndPoint);
            client.Dispose();
            return;
        }
        var id = Interlocked.Increment(ref _nextId);
        var connection = new Sip2Connection(client, sessions, _options, _certificate, connectionLogger);
        _connections[id] = Task.Run(async () =>
        {
            try
            {
                await connection.RunAsync(_stopReading.Token, _hardStop.Token);
            }
            finally
            {
                _connections.TryRemove(id, out _);
            }
        });
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _stopReading.CancelAsync();
        try
        {
            await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("SIP2: shutdown timeout reached with {Count} connections still busy; aborting them", _connections.Count);
            await _hardStop.CancelAsync();
        }
        logger.LogInformation("SIP2 listener stopped");
    }

    public override void Dispose()
    {
        _stopReading.Dispose();
        _hardStop.Dispose();
        _certificate?.Dispose();
        base.Dispose();
    }
}
