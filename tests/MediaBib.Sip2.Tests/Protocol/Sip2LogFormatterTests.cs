using System.Text;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2LogFormatterTests
{
    [Fact]
    public void Format_Login_HidesTheLoginPassword()
    {
        var logged = Sip2LogFormatter.Format("9300CNkiosk|COs3cr3t|CPMAIN|AY1AZF000");

        Assert.DoesNotContain("s3cr3t", logged);
        Assert.Equal("9300CNkiosk|CO***|CPMAIN|AY1AZF000", logged);
    }

    [Fact]
    public void Format_PatronAndTerminalPasswords_AreHidden()
    {
        var logged = Sip2LogFormatter.Format("2300220260115    101500AOMEDIABIB|AAP1|ACterm99|AD4321|");

        Assert.DoesNotContain("4321", logged);
        Assert.DoesNotContain("term99", logged);
        Assert.Contains("AAP1", logged);
    }

    [Fact]
    public void Format_PasswordAsFirstFieldAfterTheFixedPart_IsHidden()
    {
        var logged = Sip2LogFormatter.Format("9300COs3cr3t|CNkiosk|");

        Assert.DoesNotContain("s3cr3t", logged);
    }

    [Fact]
    public void Format_GarbledMessageWithPasswordInside_IsHidden()
    {
        var logged = Sip2LogFormatter.Format("XXgarbageADpin9876");

        Assert.DoesNotContain("9876", logged);
    }

    [Fact]
    public void Format_ReceivedMessageWithAMissingDelimiter_StillHidesThePassword()
    {
        var logged = Sip2LogFormatter.Format("2300220260115    101500AOMEDIABIB|AAP1ADpin5555|");

        Assert.DoesNotContain("5555", logged);
        Assert.Contains("AAP1AD***", logged);
    }

    [Fact]
    public void Format_Response_KeepsNamesThatContainSecretIdsReadable()
    {
        var logged = Sip2LogFormatter.Format("24              00220260115    101500AOMEDIABIB|AAP1|AECOLETTE ADAM|BLY|", received: false);

        Assert.Contains("AECOLETTE ADAM|", logged);
    }

    [Fact]
    public void Format_Bytes_EscapesControlCharactersAndCutsLongInput()
    {
        var bytes = Encoding.ASCII.GetBytes("\u0001\u0002" + new string('x', 1000));

        var logged = Sip2LogFormatter.Format(bytes, Encoding.ASCII);

        Assert.StartsWith("\\x01\\x02xx", logged);
        Assert.EndsWith("(+490 bytes)", logged);
    }
}
