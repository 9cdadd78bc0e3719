using MediaBib.Sip2.Tests.Support;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2.Tests.Server;

public class Sip2OptionsValidatorTests
{
    private static ValidateOptionsResult Validate(Sip2Options options) => new Sip2OptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(Validate(new Sip2Options()).Succeeded);
    }

    [Theory]
    [InlineData("Port", "70000", "Sip2__Port")]
    [InlineData("BindAddress", "not-an-ip", "Sip2__BindAddress")]
    [InlineData("DefaultCharset", "klingon", "Sip2__DefaultCharset")]
    [InlineData("TimeZone", "Mars/Olympus", "Sip2__TimeZone")]
    [InlineData("TlsCertificatePath", "/nonexistent/cert.pfx", "Sip2__TlsCertificatePath")]
    [InlineData("IdleTimeout", "00:00:00", "Sip2__IdleTimeout")]
    public void Validate_WrongSetting_NamesTheVariable(string property, string value, string variable)
    {
        var options = new Sip2Options();
        var prop = typeof(Sip2Options).GetProperty(property)!;
        prop.SetValue(options, prop.PropertyType == typeof(int) ? int.Parse(value)
            : prop.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value) : value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(variable, result.FailureMessage);
    }

    [Fact]
    public async Task Start_WithWrongPort_FailsWithTheSentence()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Sip2Host.StartAsync(new() { ["Sip2:Port"] = "-1" }));

        Assert.Contains("Sip2__Port must be a TCP port", error.Message);
    }
}
