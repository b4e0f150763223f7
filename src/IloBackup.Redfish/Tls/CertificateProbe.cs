using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Tls;

/// <summary>
/// Reads the certificate an iLO presents, for <c>ilobackup trust</c>: a TLS handshake and nothing
/// else (no request, no credential is sent), the certificate accepted only to be looked at. Whether
/// it is then trusted is the caller's decision (a pin in <see cref="KnownHostsFile"/>).
/// </summary>
public static class CertificateProbe
{
    /// <summary>The certificate of <paramref name="endpoint"/> (HTTPS only), or a <see cref="RedfishException"/> saying why not.</summary>
    public static async Task<UnknownCertificate> ReadAsync(RedfishEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsHttps)
        {
            throw new ArgumentException($"{endpoint}: plain HTTP has no certificate to pin", nameof(endpoint));
        }

        X509Certificate2? seen = null;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                seen = certificate is null ? null : new X509Certificate2(certificate);
                return true;
            });
            await using (ssl.ConfigureAwait(false))
            {
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            seen?.Dispose();
            throw new RedfishUnreachableException($"{endpoint}: could not read its certificate ({e.Message})", e);
        }

        using (seen)
        {
            if (seen is null)
            {
                throw new RedfishTlsException($"{endpoint}: the TLS handshake presented no certificate") { Reason = TlsRejection.HandshakeFailed };
            }

            return new UnknownCertificate(
                endpoint.HostPort, CertificateFingerprint.Compute(seen), Json.UntrustedText.Clean(seen.Subject)!, Json.UntrustedText.Clean(seen.Issuer)!, new DateTimeOffset(seen.NotAfter.ToUniversalTime()));
        }
    }
}
