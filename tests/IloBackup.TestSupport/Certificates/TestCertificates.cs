using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IloBackup.TestSupport.Certificates;

/// <summary>Self-signed ECDSA P-256 certificates for 127.0.0.1, like an iLO's.</summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateSelfSigned(string commonName = "ilo-test")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        using var created = request.CreateSelfSigned(now, now.AddYears(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n";
    }
}
