using System.Net;

namespace IloBackup.Cli.Serve;

/// <summary><c>--listen ADDRESS:PORT</c> (an IP address: 127.0.0.1:8080, [::1]:8443, 0.0.0.0:8443).</summary>
internal static class ServeListen
{
    public static IPEndPoint Parse(string text, bool tls, string label = "--listen", string tlsLabel = "--no-tls")
    {
        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new CliUsageException($"{label}: '{text}' is not ADDRESS:PORT with an IP address (e.g. 127.0.0.1:8080)");
        }

        if (!tls && !IPAddress.IsLoopback(endpoint.Address))
        {
            throw new CliUsageException(
                $"{tlsLabel}: plain HTTP is only allowed on a loopback address (behind a local TLS proxy), not {label} {text}: passwords and backups would cross the network in clear");
        }

        return endpoint;
    }
}
