using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaBib.Testing;

/// <summary>
/// A real Z39.50 + SRU server on loopback: <c>yaz-ztest</c> (Debian package <c>yaz</c>) started on a free port as a child
/// process and killed at the end. It serves both protocols on one port and answers with its built-in MARC21 records
/// (database <c>Default</c>; <c>Default?search-delay=N</c> makes a search take N seconds).
/// </summary>
public sealed class YazTestServer : IAsyncLifetime
{
    private const string Program = "/usr/bin/yaz-ztest";
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>Null when the server runs; otherwise why not (yaz not installed).</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Z39.50 address of the database (e.g. <c>Default</c>).</summary>
    public string Z3950Address(string database = "Default") => $"127.0.0.1:{Port}/{database}";

    public string SruUrl => $"http://127.0.0.1:{Port}/Default";

    /// <summary>A loopback port where nothing listens.</summary>
    public static int ClosedPort() => FreePort();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Program))
        {
            Unavailable = "yaz-ztest is not installed (apt-get install yaz)";
            return;
        }

        Port = FreePort();
        var log = Path.Combine(Path.GetTempPath(), $"yaz-ztest-{Port}.log");
        _process = Process.Start(new ProcessStartInfo(Program)
        {
            ArgumentList = { "-l", log, $"tcp:127.0.0.1:{Port}" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("yaz-ztest did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Ready when it accepts connections.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"yaz-ztest did not listen on port {Port} (see {log})");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // yaz-ztest forks one process per connection; those end when their connection closes.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
