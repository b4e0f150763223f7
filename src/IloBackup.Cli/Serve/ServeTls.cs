using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The service's certificate: the one given (<c>--tls-cert</c> PEM with <c>--tls-key</c>, or a PKCS#12 file; either may be
/// protected by a password from a file or a variable), else a self-signed one made once and kept (mode 0600) in
/// <c>&lt;repository&gt;/serve/tls/</c>, so browsers can pin it.
/// </summary>
internal static class ServeTls
{
    public static X509Certificate2 Load(string? certificate, string? key, string repositoryDirectory, DateTimeOffset now) =>
        Load(new Given(certificate, "--tls-cert"), new Given(key, "--tls-key"), null, repositoryDirectory, now);

    public static X509Certificate2 Load(Given certificate, Given key, string? password, string repositoryDirectory, DateTimeOffset now)
    {
        if (certificate.Value is { } certificateFile)
        {
            if (!File.Exists(certificateFile))
            {
                throw new CliUsageException($"{certificate.Label}: no file {certificateFile}");
            }

            try
            {
                if (key.Value is { } keyFile)
                {
                    using var pem = password is null
                        ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                        : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile);
                    // Kestrel on Linux wants the key attached the PKCS#12 way.
                    return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                }

                return X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password);
            }
            catch (CryptographicException ex)
            {
                // The message is the runtime's (never the password).
                throw new CliUsageException(
                    $"{certificate.Label}: cannot read the certificate and its key ({ex.Message}); give a PEM pair (with its key) or a PKCS#12 file, "
                    + "and the password of an encrypted one (--tls-password-file, $" + Configuration.ServeSettingKeys.TlsPasswordVariable + ")");
            }
        }

        if (key.Value is not null)
        {
            throw new CliUsageException($"{key.Label} needs --tls-cert");
        }

        var directory = Path.Combine(IloBackup.Engine.Repository.RepositoryLocation.LocalFolder(repositoryDirectory), "serve", "tls");
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
