using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediaBib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real SIP2 worker as its own operating-system process (<c>dotnet MediaBib.Sip2.dll</c>, built with the tests),
/// on a free loopback port and the test run's database. What it does reaches the web app only through PostgreSQL (the
/// outbox and NOTIFY), as in production.
/// </summary>
public sealed class Sip2WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private Sip2WorkerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<Sip2WorkerProcess> StartAsync(string connectionString)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [WorkerDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Db"] = connectionString;
        start.Environment["Sip2__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Sip2__BindAddress"] = "127.0.0.1";
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var worker = new Sip2WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The SIP2 worker did not start."), port);
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        await worker.WaitListeningAsync();
        return worker;
    }

    /// <summary>One terminal session: login (93), then each request; returns the answers without their terminator.</summary>
    public async Task<IReadOnlyList<string>> SessionAsync(params string[] requests)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var answers = new List<string>();
        foreach (var request in requests)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request + "\r"), timeout.Token);
            answers.Add(await ReadAnswerAsync(reader, timeout.Token));
        }

        return answers;
    }

    private static async Task<string> ReadAnswerAsync(StreamReader reader, CancellationToken ct)
    {
        var line = new StringBuilder();
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer.AsMemory(), ct) == 1 && buffer[0] != '\r')
        {
            line.Append(buffer[0]);
        }

        return line.ToString().TrimStart('\n');
    }

    private async Task WaitListeningAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The SIP2 worker stopped (exit {_process.ExitCode}): {Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }

        throw new TimeoutException($"The SIP2 worker did not listen on {Port} within 90 s: {Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>The worker built next to the tests: MediaBib.Sip2/bin/&lt;configuration&gt;/net10.0 of this repository.</summary>
    private static string WorkerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        for (var dir = testBin; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "MediaBib.Sip2", "bin", configuration, testBin.Name, "MediaBib.Sip2.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException("MediaBib.Sip2.dll was not built next to the tests.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
