using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2DateTests
{
    private readonly Sip2Date _dates = Sip2Date.Paris();

    [Fact]
    public void Format_WinterAndSummer_UsesParisLocalTimeWithFourSpaces()
    {
        Assert.Equal("20260115    101500", _dates.Format(new DateTimeOffset(2026, 1, 15, 9, 15, 0, TimeSpan.Zero)));
        Assert.Equal("20260715    111500", _dates.Format(new DateTimeOffset(2026, 7, 15, 9, 15, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Parse_LocalAndUtfZone_GiveTheSameInstantAsWritten()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 15, 0, TimeSpan.Zero), _dates.Parse("20260115    101500"));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 15, 0, TimeSpan.Zero), _dates.Parse("20260115   Z101500"));
    }

    [Theory]
    [InlineData("                  ")]
    [InlineData("2026011")]
    [InlineData("20261345    101500")]
    public void Parse_BlankOrInvalid_IsNull(string value)
    {
        Assert.Null(_dates.Parse(value));
    }
}
