using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The service's certificate: the one given (<c>--tls-cert</c> PEM with <c>--tls-key</c>, or a PKCS#12 file), else a
/// self-signed one made once and kept (mode 0600) in <c>&lt;repository&gt;/serve/tls/</c>, so browsers can pin it.
/// </summary>
internal static class ServeTls
{
    public static X509Certificate2 Load(string? certificate, string? key, string repositoryDirectory, DateTimeOffset now)
    {
        if (certificate is not null)
        {
            if (!File.Exists(certificate))
            {
                throw new CliUsageException($"--tls-cert: no file {certificate}");
            }

            try
            {
                if (key is not null)
                {
                    using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
                    // Kestrel on Linux wants the key attached the PKCS#12 way.
                    return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                }

                return X509CertificateLoader.LoadPkcs12FromFile(certificate, null);
            }
            catch (CryptographicException ex)
            {
                throw new CliUsageException($"--tls-cert: cannot read the certificate and its key ({ex.Message}); give a PEM pair (--tls-key) or a PKCS#12 file without password");
            }
        }

        if (key is not null)
        {
            throw new CliUsageException("--tls-key needs --tls-cert");
        }

        var directory = Path.Combine(repositoryDirectory, "serve", "tls");
        var path = Path.Combine(directory, "self-signed.pfx");
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            if (existing.NotAfter > now.UtcDateTime.AddDays(30))
            {
                return existing;
            }

            existing.Dispose();
        }

        Directory.CreateDirectory(directory);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ilobackup serve", ecdsa, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        names.AddDnsName(Environment.MachineName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
        var pfx = created.Export(X509ContentType.Pkcs12);
        File.WriteAllBytes(path, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }

    /// <summary>The fingerprint in the project's form (docs/development.md).</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        "SHA256:" + string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
