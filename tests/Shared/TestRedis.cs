using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MediaBib.Testing;

/// <summary>
/// A real Redis for a test: the one ./test.sh started (<c>MB_TEST_REDIS</c>), else a <c>redis-server</c> started here
/// on a free port (no persistence) and stopped on dispose.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    private readonly Process? _process;

    private TestRedis(string connectionString, Process? process) => (ConnectionString, _process) = (connectionString, process);

    public string ConnectionString { get; }

    public static async Task<TestRedis> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("MB_TEST_REDIS") is { Length: > 0 } configured)
        {
            return new TestRedis(configured, null);
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server could not be started (apt-get install redis-server).");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new TestRedis($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", process);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("redis-server did not start listening.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
