using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2EncodingsTests
{
    private const string French = "Élise Frédéric, « À bientôt », garçon, où, Noël, çà";

    [Theory]
    [InlineData("ibm850")]
    [InlineData("windows-1252")]
    [InlineData("utf-8")]
    public void Resolve_LegacyAndUtf8_RoundTripFrenchAccents(string charset)
    {
        var encoding = Sip2Encodings.Resolve(charset);

        var bytes = encoding.GetBytes(French);

        Assert.Equal(French, encoding.GetString(bytes));
    }

    [Fact]
    public void Resolve_Ibm850_UsesTheDosCodePoints()
    {
        var bytes = Sip2Encodings.Resolve("ibm850").GetBytes("éÉàç");

        Assert.Equal(new byte[] { 0x82, 0x90, 0x85, 0x87 }, bytes);
    }

    [Fact]
    public void Resolve_Windows1252_UsesTheWindowsCodePoints()
    {
        var bytes = Sip2Encodings.Resolve("windows-1252").GetBytes("éÉàçœ€");

        Assert.Equal(new byte[] { 0xE9, 0xC9, 0xE0, 0xE7, 0x9C, 0x80 }, bytes);
    }

    [Fact]
    public void Resolve_Ibm850_TransliteratesWhatItLacks()
    {
        var encoding = Sip2Encodings.Resolve("ibm850");

        Assert.Equal("L'OEuvre coûte 5 EUR", encoding.GetString(encoding.GetBytes("L’Œuvre coûte 5 €")));
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("utf-16")]
    public void Resolve_UnknownOrNotAsciiCompatible_ThrowsWithASentence(string charset)
    {
        var error = Assert.Throws<ArgumentException>(() => Sip2Encodings.Resolve(charset));

        Assert.Contains(charset, error.Message);
    }
}
