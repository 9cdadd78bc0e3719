using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Tests.Support;

namespace MediaBib.Sip2.Tests.Server;

/// <summary>The worker over real TCP sockets on loopback.</summary>
public class Sip2ListenerTests
{
    [Fact]
    public async Task Session_LoginStatusGarbageAndBadChecksum_AllAnsweredOnOneConnection()
    {
        await using var host = await Sip2Host.StartAsync();
        Assert.NotEqual(0, host.EndPoint.Port);
        await using var client = await host.ConnectAsync();

        var login = await client.RequestAsync(Messages.Login());
        var status = await client.RequestAsync(Messages.ScStatus);
        var garbled = await client.RequestAsync("\u0007garbage|with|pipes");
        await client.SendRawAsync(Encoding.ASCII.GetBytes("990 302.00AY1AZ1234\r"));
        var badChecksum = await client.ReadAsync();
        await client.SendCheckedAsync(Messages.Checkout("P1", "I1"), 2);
        var checkout = await client.ReadAsync();

        Assert.Equal("941", login);
        Assert.StartsWith("98YYYYYY", status);
        Assert.Contains("|BXYYYYYYYYYYYYYYYY|", status);
        Assert.Equal("96", garbled);
        Assert.Equal("96AZFEF6", badChecksum);
        Assert.NotNull(checkout);
        Assert.StartsWith("121", checkout);
        Assert.Contains("|AJLes Misérables|", checkout);
        Assert.Contains("AY2AZ", checkout);
        Assert.True(Checksum.Verify(Encoding.UTF8.GetBytes(checkout)));
    }

    [Fact]
    public async Task Start_PortAlreadyInUse_FailsInsteadOfRunningDeaf()
    {
        await using var first = await Sip2Host.StartAsync();

        var port = first.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => Sip2Host.StartAsync(new() { ["Sip2:Port"] = port }));
    }

    [Fact]
    public async Task Framing_CrLfAndLfTerminators_AreAnsweredWithCrLf()
    {
        await using var host = await Sip2Host.StartAsync();
        await using var client = await host.ConnectAsync();

        await client.SendAsync(Messages.Login(), "\r\n");
        await client.SendAsync(Messages.ScStatus, "\n");
        await client.SendAsync("97\r\n");

        Assert.Equal("941", await client.ReadAsync());
        Assert.StartsWith("98", await client.ReadAsync());
        Assert.StartsWith("98", await client.ReadAsync());
    }

    [Fact]
    public async Task ManyConnections_AreServedConcurrently()
    {
        await using var host = await Sip2Host.StartAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.ConnectAsync()));

        var answers = await Task.WhenAll(clients.Select(async (c, i) =>
        {
            await c.RequestAsync(Messages.Login());
            return await c.RequestAsync(Messages.PatronStatus(i % 2 == 0 ? "P1" : "P2"));
        }));

        Assert.All(answers, a => Assert.StartsWith("24", a));
        Assert.Equal(10, answers.Count(a => a!.Contains("AEÉlise Frédéric|")));
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task IdleTimeout_ClosesASilentConnection_ButNotTheListener()
    {
        await using var host = await Sip2Host.StartAsync(new() { ["Sip2:IdleTimeout"] = "00:00:01" });
        await using var silent = await host.ConnectAsync();

        var closed = await silent.ReadAsync();
        await using var next = await host.ConnectAsync();

        Assert.Null(closed);
        Assert.Equal("941", await next.RequestAsync(Messages.Login()));
    }

    [Fact]
    public async Task Shutdown_FinishesTheMessageInFlightThenCloses()
    {
        var host = await Sip2Host.StartAsync();
        await using var client = await host.ConnectAsync();
        await client.RequestAsync(Messages.Login());
        await client.SendAsync(Messages.Checkout("P1", InMemorySip2Library.GatedItem));
        await host.Library.GateEntered.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        var stopping = host.Host.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        host.Library.Gate.SetResult();
        var answer = await client.ReadAsync();
        var afterwards = await client.ReadAsync();
        await stopping;
        host.Host.Dispose();

        Assert.StartsWith("121", answer);
        Assert.Null(afterwards);
        Assert.Single(host.Library.Loans);
    }

    [Fact]
    public async Task Tls_TerminalTalksOverTls()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"sip2-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pw"), TestContext.Current.CancellationToken);
        }
        try
        {
            await using var host = await Sip2Host.StartAsync(new() { ["Sip2:TlsCertificatePath"] = pfx, ["Sip2:TlsCertificatePassword"] = "pfx-pw" });
            await using var client = await host.ConnectAsync(async stream =>
            {
                var ssl = new SslStream(stream, false, (_, _, _, _) => true);
                await ssl.AuthenticateAsClientAsync("localhost");
                return ssl;
            });

            Assert.Equal("941", await client.RequestAsync(Messages.Login()));
            Assert.StartsWith("98", await client.RequestAsync(Messages.ScStatus));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Charset_Ibm850Terminal_OverTheWire()
    {
        await using var host = await Sip2Host.StartAsync();
        await using var client = await host.ConnectAsync();
        client.Encoding = Sip2Encodings.Resolve("ibm850");

        Assert.Equal("941", await client.RequestAsync(Messages.Login("kiosk850")));
        var text = await client.RequestAsync(Messages.ItemInformation("I1"));

        Assert.Contains("|AJLes Misérables|", text);
    }
}
