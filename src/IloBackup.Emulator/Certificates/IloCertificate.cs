using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IloBackup.Emulator.Certificates;

/// <summary>
/// An iLO's self-signed TLS certificate: ECDSA P-256 (fast to make and to serve), generated on
/// first start and kept in the iLO's state folder, as an iLO keeps its own.
/// </summary>
public static class IloCertificate
{
    private const string CertificateFile = "certificate.pem";
    private const string KeyFile = "certificate.key";

    /// <summary>Loads the certificate kept in <paramref name="directory"/>, or makes and keeps a new one.</summary>
    /// <param name="directory">The iLO's state folder; null keeps the certificate in memory only.</param>
    /// <param name="hostName">Subject and DNS name.</param>
    /// <param name="now">Start of validity.</param>
    public static X509Certificate2 LoadOrCreate(string? directory, string hostName, DateTimeOffset now)
    {
        if (directory is not null)
        {
            var certPath = Path.Combine(directory, CertificateFile);
            var keyPath = Path.Combine(directory, KeyFile);
            if (File.Exists(certPath) && File.Exists(keyPath))
            {
                return X509Certificate2.CreateFromPemFile(certPath, keyPath);
            }
        }

        var certificate = Create(hostName, now);
        if (directory is not null)
        {
            Save(certificate, directory);
        }

        return certificate;
    }

    /// <summary>Makes a new certificate and replaces the kept one (system board replacement).</summary>
    public static X509Certificate2 Replace(string? directory, string hostName, DateTimeOffset now)
    {
        var certificate = Create(hostName, now);
        if (directory is not null)
        {
            Save(certificate, directory);
        }

        return certificate;
    }

    /// <summary>
    /// <c>SHA256:</c> + SHA-256 of the DER bytes as upper-case hex pairs joined by <c>:</c>
    /// (docs/development.md, "Certificate fingerprints").
    /// </summary>
    public static string Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Fingerprint(certificate.RawData);
    }

    /// <summary>The fingerprint of a certificate's DER bytes.</summary>
    public static string Fingerprint(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        var hash = SHA256.HashData(der);
        var text = new StringBuilder("SHA256:", 7 + (hash.Length * 3));
        for (var i = 0; i < hash.Length; i++)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(hash[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static X509Certificate2 Create(string hostName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName($"CN={hostName}, OU=ISS, O=Hewlett Packard Enterprise, C=US");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static void Save(X509Certificate2 certificate, string directory)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        Persistence.AtomicFile.Write(Path.Combine(directory, KeyFile), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        Persistence.AtomicFile.Write(Path.Combine(directory, CertificateFile), Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
    }
}
