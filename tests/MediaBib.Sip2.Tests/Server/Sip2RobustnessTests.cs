using System.Text;
using MediaBib.Sip2.Tests.Support;

namespace MediaBib.Sip2.Tests.Server;

/// <summary>Random bytes, truncated and oversized messages and a flood over one real socket: the worker keeps answering.</summary>
public class Sip2RobustnessTests
{
    [Fact]
    public async Task Garbage_Truncated_Oversized_AndFlood_EachGetOneAnswer_AndTheSessionStillWorks()
    {
        await using var host = await Sip2Host.StartAsync(new() { ["Sip2:MaxMessageLength"] = "1024" });
        await using var client = await host.ConnectAsync();
        var random = new Random(20260115);
        var sent = 0;

        // 50 lines of random bytes (no terminator inside, not starting with a digit so none is a valid command).
        for (var i = 0; i < 50; i++)
        {
            var line = new byte[random.Next(1, 200)];
            random.NextBytes(line);
            for (var j = 0; j < line.Length; j++)
            {
                line[j] = line[j] is (byte)'\r' or (byte)'\n' ? (byte)'x' : line[j];
            }
            line[0] = (byte)'#';
            await client.SendRawAsync([.. line, (byte)'\r']);
            sent++;
        }
        // Truncated messages of every known command, and an oversized one.
        foreach (var code in new[] { "93", "99", "23", "63", "11", "09", "29", "65", "17", "19", "01", "25", "15", "35", "37" })
        {
            await client.SendAsync(code + "0");
            sent++;
        }
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes(new string('9', 5000)), (byte)'\r']);
        sent++;

        var answers = new List<string?>();
        for (var i = 0; i < sent; i++)
        {
            answers.Add(await client.ReadAsync());
        }

        Assert.Equal(66, sent);
        Assert.All(answers, a => Assert.Equal("96", a));

        // Flood: 300 pipelined status requests in one write, answered in order.
        await client.SendRawAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Messages.ScStatus + "\r", 300))));
        for (var i = 0; i < 300; i++)
        {
            Assert.StartsWith("98", await client.ReadAsync());
        }

        Assert.Equal("941", await client.RequestAsync(Messages.Login()));
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout("P1", "I1")));
    }
}
