using System.Net;
using System.Net.Sockets;
using System.Text;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Support;

/// <summary>A terminal over a real TCP socket: sends raw lines and reads CR-terminated answers.</summary>
public sealed class Sip2TestClient : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private Stream _stream = Stream.Null;
    private readonly List<byte> _pending = [];

    public Encoding Encoding { get; set; } = Encoding.UTF8;

    public static async Task<Sip2TestClient> ConnectAsync(IPEndPoint endPoint, Func<Stream, Task<Stream>>? wrap = null)
    {
        var client = new Sip2TestClient();
        await client._client.ConnectAsync(IPAddress.Loopback, endPoint.Port, TestContext.Current.CancellationToken);
        client._stream = client._client.GetStream();
        if (wrap is not null)
        {
            client._stream = await wrap(client._stream);
        }
        return client;
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes, TestContext.Current.CancellationToken).AsTask();

    public Task SendAsync(string message, string terminator = "\r") => SendRawAsync(Encoding.GetBytes(message + terminator));

    /// <summary>Sends <paramref name="body"/> with "AY&lt;seq&gt;AZ" and its checksum.</summary>
    public Task SendCheckedAsync(string body, int sequence)
    {
        byte[] bytes = [.. Encoding.GetBytes(body), .. Encoding.ASCII.GetBytes($"AY{sequence}AZ")];
        return SendRawAsync([.. bytes, .. Encoding.ASCII.GetBytes(Checksum.ComputeHex(bytes)), (byte)'\r']);
    }

    /// <summary>The next answer without its terminator, or null when the server closed the connection.</summary>
    public async Task<string?> ReadAsync()
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        while (true)
        {
            var cr = _pending.IndexOf((byte)'\r');
            if (cr >= 0)
            {
                var line = Encoding.GetString(_pending.Take(cr).ToArray());
                var skip = cr + 1 < _pending.Count && _pending[cr + 1] == (byte)'\n' ? cr + 2 : cr + 1;
                _pending.RemoveRange(0, skip);
                return line;
            }
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, guard.Token);
            }
            catch (IOException)
            {
                return null;
            }
            if (read == 0)
            {
                return null;
            }
            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    public async Task<string?> RequestAsync(string message)
    {
        await SendAsync(message);
        return await ReadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
