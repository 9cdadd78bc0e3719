using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace MediaBib.Infrastructure.Tests.Notifications;

/// <summary>
/// A real SMTP server on loopback (Debian's python3-aiosmtpd) started as a child process for the test class; every
/// received message is saved as an .eml file that the tests read back with MimeKit.
/// </summary>
public sealed class SmtpCapture : IAsyncLifetime
{
    private const string Script = """
        import os, sys, uuid
        from aiosmtpd.controller import Controller

        out_dir, port = sys.argv[1], int(sys.argv[2])

        class Saver:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(out_dir, uuid.uuid4().hex)
                with open(name + ".tmp", "wb") as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + ".tmp", name + ".eml")
                return "250 Message accepted"

        controller = Controller(Saver(), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private Process? _process;

    public int Port { get; private set; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "mb-smtp-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var script = Path.Combine(Directory, "capture.py");
        await File.WriteAllTextAsync(script, Script);
        Port = FreePort();
        var python = Environment.GetEnvironmentVariable("MB_PYTHON") ?? "/usr/bin/python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Directory);
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            throw new InvalidOperationException("The aiosmtpd capture server did not start: " + await _process.StandardError.ReadToEndAsync());
        }
    }

    /// <summary>Messages received for this address (each test uses its own patron address).</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        [.. System.IO.Directory.GetFiles(Directory, "*.eml")
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }

            _process.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
        await ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
