using System.Net;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediaBib.Sip2.Tests.Support;

/// <summary>The real worker wiring (AddSip2Services + Sip2Listener) on a loopback port chosen by the OS.</summary>
public sealed class Sip2Host : IAsyncDisposable
{
    private Sip2Host(IHost host, IPEndPoint endPoint, InMemorySip2Library library)
    {
        Host = host;
        EndPoint = endPoint;
        Library = library;
    }

    public IHost Host { get; }
    public IPEndPoint EndPoint { get; }
    public InMemorySip2Library Library { get; }
    public Sip2Listener Listener => Host.Services.GetRequiredService<Sip2Listener>();

    public static async Task<Sip2Host> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip2:BindAddress"] = "127.0.0.1",
            ["Sip2:Port"] = "0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        var library = new InMemorySip2Library();
        builder.Services.AddSip2Services(builder.Configuration);
        builder.Services.AddSingleton<ISip2Library>(library);
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            var endPoint = await host.Services.GetRequiredService<Sip2Listener>().Started;
            return new Sip2Host(host, endPoint, library);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public Task<Sip2TestClient> ConnectAsync(Func<Stream, Task<Stream>>? wrap = null) => Sip2TestClient.ConnectAsync(EndPoint, wrap);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}
