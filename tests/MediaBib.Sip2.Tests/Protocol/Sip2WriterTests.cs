using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2WriterTests
{
    [Fact]
    public void Field_ValueWithDelimiterAndTerminators_CannotBreakTheFraming()
    {
        var text = new Sip2Writer("18", Sip2Date.Paris()).Field("AJ", "Tintin | Milou\r\nsuite").ToString();

        Assert.Equal("18AJTintin / Milou  suite|", text);
    }

    [Fact]
    public void Fixed_PadsAndCutsToTheWidth()
    {
        var text = new Sip2Writer("98", Sip2Date.Paris()).Fixed("ab", 4).Fixed("abcdef", 3).Number(12345, 4).Number(7, 3).ToString();

        Assert.Equal("98ab  abc9999007", text);
    }

    [Fact]
    public void Optional_Null_WritesNothing()
    {
        var text = new Sip2Writer("36", Sip2Date.Paris()).Optional("AF", (string?)null).Optional("CF", (int?)3).ToString();

        Assert.Equal("36CF3|", text);
    }
}
