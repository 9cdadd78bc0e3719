namespace MediaBib.Sip2;

/// <summary>SIP2 worker settings, bound from the "Sip2" section (environment variables Sip2__Port, …).</summary>
public sealed class Sip2Options
{
    public const string SectionName = "Sip2";

    /// <summary>Address to listen on; 0.0.0.0 for every interface, 127.0.0.1 for local only.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>TCP port (6001 by default; 0 picks a free port, for tests).</summary>
    public int Port { get; set; } = 6001;

    /// <summary>A connection with no message for this long is closed (kiosks send a 99 every few minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PKCS#12 (.pfx) file enabling TLS; plain TCP when empty.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Charset until a terminal has logged in (its account then gives its own).</summary>
    public string DefaultCharset { get; set; } = "utf-8";

    /// <summary>Institution id (AO) reported before login.</summary>
    public string InstitutionId { get; set; } = "MEDIABIB";

    /// <summary>Time zone of SIP2 dates.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    public int MaxConnections { get; set; } = 500;

    /// <summary>Longest accepted message in bytes; longer input is discarded and answered with 96.</summary>
    public int MaxMessageLength { get; set; } = 8192;

    /// <summary>98 "timeout period" in tenths of a second (3 digits).</summary>
    public int AcsTimeoutTenths { get; set; } = 50;

    /// <summary>98 "retries allowed" (3 digits).</summary>
    public int RetriesAllowed { get; set; } = 3;
}
