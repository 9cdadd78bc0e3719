using System.Net;
using MediaBib.Sip2.Protocol;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2;

/// <summary>Checks <see cref="Sip2Options"/> at start; each failure is one sentence naming the variable.</summary>
public sealed class Sip2OptionsValidator : IValidateOptions<Sip2Options>
{
    public ValidateOptionsResult Validate(string? name, Sip2Options o)
    {
        var errors = new List<string>();
        if (o.Port is < 0 or > 65535)
        {
            errors.Add($"Sip2__Port must be a TCP port between 0 and 65535 (got {o.Port}).");
        }
        if (!IPAddress.TryParse(o.BindAddress, out _))
        {
            errors.Add($"Sip2__BindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1 (got '{o.BindAddress}').");
        }
        if (o.IdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Sip2__IdleTimeout must be a positive duration such as 00:15:00 (got {o.IdleTimeout}).");
        }
        if (o.TlsHandshakeTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Sip2__TlsHandshakeTimeout must be a positive duration such as 00:00:10 (got {o.TlsHandshakeTimeout}).");
        }
        if (o.MaxConnections < 1)
        {
            errors.Add($"Sip2__MaxConnections must be at least 1 (got {o.MaxConnections}).");
        }
        if (o.MaxMessageLength is < 64 or > 1_048_576)
        {
            errors.Add($"Sip2__MaxMessageLength must be between 64 and 1048576 bytes (got {o.MaxMessageLength}).");
        }
        if (o.AcsTimeoutTenths is < 0 or > 999)
        {
            errors.Add($"Sip2__AcsTimeoutTenths must be between 0 and 999 tenths of a second (got {o.AcsTimeoutTenths}).");
        }
        if (o.RetriesAllowed is < 0 or > 999)
        {
            errors.Add($"Sip2__RetriesAllowed must be between 0 and 999 (got {o.RetriesAllowed}).");
        }
        if (string.IsNullOrWhiteSpace(o.InstitutionId) || o.InstitutionId.Contains('|'))
        {
            errors.Add("Sip2__InstitutionId must be a non-empty code without '|'.");
        }
        try
        {
            Sip2Encodings.Resolve(o.DefaultCharset);
        }
        catch (ArgumentException e)
        {
            errors.Add($"Sip2__DefaultCharset is not usable: {e.Message.Split(" (Parameter")[0]}");
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            errors.Add($"Sip2__TimeZone must be an IANA time zone such as Europe/Paris (got '{o.TimeZone}').");
        }
        if (!string.IsNullOrWhiteSpace(o.TlsCertificatePath))
        {
            ValidateCertificate(o, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCertificate(Sip2Options o, List<string> errors)
    {
        if (!File.Exists(o.TlsCertificatePath))
        {
            errors.Add($"Sip2__TlsCertificatePath points to '{o.TlsCertificatePath}', which does not exist.");
            return;
        }
        try
        {
            using var certificate = Server.Sip2Tls.LoadCertificate(o);
            if (!certificate.HasPrivateKey)
            {
                errors.Add($"Sip2__TlsCertificatePath '{o.TlsCertificatePath}' has no private key: export the certificate as a .pfx with its key.");
            }
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            errors.Add($"Sip2__TlsCertificatePath '{o.TlsCertificatePath}' cannot be opened with Sip2__TlsCertificatePassword: {e.Message}");
        }
    }
}
