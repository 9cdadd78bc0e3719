using System.Security.Cryptography.X509Certificates;

namespace MediaBib.Sip2.Server;

/// <summary>Loads the optional TLS certificate.</summary>
public static class Sip2Tls
{
    public static X509Certificate2 LoadCertificate(Sip2Options options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath!, options.TlsCertificatePassword);
}
