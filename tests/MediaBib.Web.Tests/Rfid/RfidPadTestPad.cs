using System.Threading.Channels;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Rfid;
using MediaBib.Web.Rfid;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Rfid;

/// <summary>A pad created through the admin service, and the real SignalR client connected to the in-memory app.</summary>
internal static class RfidPadTestPad
{
    public static readonly Actor Administrator = new(ActorKind.Staff, "admin-platines", Guid.CreateVersion7());

    public static async Task<CreatedRfidPad> CreateAsync(WebAppFixture app, Guid libraryId, string desk = "Banque de prêt 1")
    {
        var created = await app.Services.GetRequiredService<RfidPadAdmin>().CreateAsync(Administrator, libraryId, desk, TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded);
        return created.Value!;
    }

    /// <summary>The TestServer has no socket: long polling through its handler.</summary>
    public static Action<HttpConnectionOptions> Transport(WebAppFixture app) => o =>
    {
        o.HttpMessageHandlerFactory = _ => app.Factory.Server.CreateHandler();
        o.Transports = HttpTransportType.LongPolling;
    };

    public static async Task<RfidPadClient> ConnectAsync(WebAppFixture app, string key)
    {
        var client = new RfidPadClient(app.Factory.Server.BaseAddress, key, Transport(app));
        await client.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (the hub's calls land on the server asynchronously).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("Timed out waiting until " + what);
            }
        }
    }
}

/// <summary>Standard input for the simulator, fed line by line by the test.</summary>
internal sealed class LineFeed : TextReader
{
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();

    public void Send(string? line) => _lines.Writer.TryWrite(line);

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        await _lines.Reader.ReadAsync(cancellationToken);

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();
}
