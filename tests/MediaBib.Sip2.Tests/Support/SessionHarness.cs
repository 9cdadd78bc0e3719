using System.Net;
using System.Text;
using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MediaBib.Sip2.Tests.Support;

/// <summary>A session driven frame by frame, with a fixed clock (2026-01-15 10:15:00 Paris) and captured logs.</summary>
public sealed class SessionHarness
{
    public InMemorySip2Library Library { get; } = new();
    public ListLogger Logs { get; } = new();
    public Sip2Session Session { get; }

    public SessionHarness(bool withLibrary = true)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 15, 0, TimeSpan.Zero));
        Session = new Sip2Session(withLibrary ? Library : null, new Sip2Options(), Sip2Date.Paris(), time, Logs, IPAddress.Loopback);
    }

    public async Task<string> SendBytesAsync(byte[] payload, Sip2Terminator terminator = Sip2Terminator.Cr)
    {
        var response = await Session.HandleAsync(new Sip2Frame(payload, terminator), TestContext.Current.CancellationToken);
        var text = Session.Encoding.GetString(response);
        Assert.EndsWith(terminator == Sip2Terminator.Cr ? "\r" : "\r\n", text);
        return text.TrimEnd('\r', '\n');
    }

    public Task<string> SendAsync(string message) => SendBytesAsync(Session.Encoding.GetBytes(message));

    /// <summary>Sends with "AY&lt;n&gt;AZ" and a correct checksum.</summary>
    public Task<string> SendCheckedAsync(string message, int sequence)
    {
        byte[] bytes = [.. Session.Encoding.GetBytes(message), .. Encoding.ASCII.GetBytes($"AY{sequence}AZ")];
        return SendBytesAsync([.. bytes, .. Encoding.ASCII.GetBytes(Checksum.ComputeHex(bytes))]);
    }

    public async Task LoginAsync(string user = "kiosk")
    {
        Assert.Equal("941", await SendAsync(Messages.Login(user)));
    }
}

/// <summary>Captures formatted log lines (with their arguments) so tests can check what reaches the logs.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
