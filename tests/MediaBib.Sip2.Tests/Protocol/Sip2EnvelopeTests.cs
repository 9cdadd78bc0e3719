using System.Text;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2EnvelopeTests
{
    private static Sip2Envelope Read(string message) => Sip2Envelope.Read(Encoding.ASCII.GetBytes(message));

    [Fact]
    public void Read_PlainMessage_HasNoErrorDetection()
    {
        var envelope = Read("990 302.00");

        Assert.Equal(EnvelopeStatus.Plain, envelope.Status);
        Assert.Equal(10, envelope.BodyLength);
        Assert.False(envelope.HasChecksum);
    }

    [Fact]
    public void Read_SequenceAndGoodChecksum_ReturnsSequenceAndBodyBeforeAy()
    {
        var envelope = Read("990 302.00AY1AZFCB5");

        Assert.Equal(EnvelopeStatus.Verified, envelope.Status);
        Assert.Equal(1, envelope.Sequence);
        Assert.Equal(10, envelope.BodyLength);
    }

    [Fact]
    public void Read_ChecksumWithoutSequence_IsVerifiedWithNoSequence()
    {
        var envelope = Read("97AZFEF5");

        Assert.Equal(EnvelopeStatus.Verified, envelope.Status);
        Assert.Null(envelope.Sequence);
        Assert.Equal(2, envelope.BodyLength);
    }

    [Theory]
    [InlineData("990 302.00AY1AZFCB6")]
    [InlineData("990 302.00AY2AZFCB5")]
    [InlineData("990 302.00AY1AZZZZZ")]
    public void Read_WrongChecksum_IsBadChecksum(string message)
    {
        Assert.Equal(EnvelopeStatus.BadChecksum, Read(message).Status);
    }

    [Fact]
    public void Read_NonDigitSequenceWithMatchingChecksum_IsBadSequence()
    {
        var body = Encoding.ASCII.GetBytes("990 302.00AYXAZ");
        var message = Encoding.ASCII.GetString(body) + Checksum.ComputeHex(body);

        Assert.Equal(EnvelopeStatus.BadSequence, Read(message).Status);
    }
}
