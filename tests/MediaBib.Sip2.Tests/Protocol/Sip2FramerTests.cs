using System.Buffers;
using System.Text;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2FramerTests
{
    private static List<Sip2Frame> Frames(Sip2Framer framer, params string[] chunks)
    {
        var frames = new List<Sip2Frame>();
        var pending = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            var buffer = new ReadOnlySequence<byte>([.. pending, .. Encoding.ASCII.GetBytes(chunk)]);
            while (framer.TryReadFrame(ref buffer, out var frame))
            {
                frames.Add(frame!);
            }
            pending = buffer.ToArray();
        }
        return frames;
    }

    [Fact]
    public void TryReadFrame_CrCrLfAndLf_AreAllTerminatorsAndRemembered()
    {
        var frames = Frames(new Sip2Framer(1000), "990 302.00\r9300CNa|COb|\r\n23abc\n");

        Assert.Equal(["990 302.00", "9300CNa|COb|", "23abc"], frames.Select(f => Encoding.ASCII.GetString(f.Payload)));
        Assert.Equal([Sip2Terminator.Cr, Sip2Terminator.CrLf, Sip2Terminator.Lf], frames.Select(f => f.Terminator));
    }

    [Fact]
    public void TryReadFrame_CrLfSplitAcrossReads_DoesNotYieldAnEmptyFrame()
    {
        var frames = Frames(new Sip2Framer(1000), "990 302.00\r", "\n97\r");

        Assert.Equal(["990 302.00", "97"], frames.Select(f => Encoding.ASCII.GetString(f.Payload)));
    }

    [Fact]
    public void TryReadFrame_MessageInPieces_WaitsForTheTerminator()
    {
        var frames = Frames(new Sip2Framer(1000), "99", "0 3", "02.00", "\r");

        Assert.Equal("990 302.00", Encoding.ASCII.GetString(Assert.Single(frames).Payload));
    }

    [Fact]
    public void TryReadFrame_TooLongWithoutTerminator_ReportsOnceThenResumesAfterTheTerminator()
    {
        var frames = Frames(new Sip2Framer(64), new string('x', 100), new string('y', 100), "zz\r97\r");

        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].TooLong);
        Assert.Equal("97", Encoding.ASCII.GetString(frames[1].Payload));
    }

    [Fact]
    public void TryReadFrame_BlankLines_AreSkipped()
    {
        var frames = Frames(new Sip2Framer(100), "\r\n\r\n97\r\n");

        Assert.Equal("97", Encoding.ASCII.GetString(Assert.Single(frames).Payload));
    }
}
