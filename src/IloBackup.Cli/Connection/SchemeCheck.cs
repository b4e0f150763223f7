using System.Net;
using IloBackup.Redfish;

namespace IloBackup.Cli.Connection;

/// <summary>
/// An iLO address whose scheme contradicts its port is refused before any connection; a plain
/// <c>http://</c> address to another machine gets a warning, since the password would cross the
/// network in clear text (loopback, where the emulator runs, does not).
/// </summary>
internal static class SchemeCheck
{
    public static void Check(RedfishEndpoint endpoint)
    {
        if (!endpoint.IsHttps && endpoint.Port == 443)
        {
            throw new CliUsageException(
                $"{endpoint}: http:// on port 443, the HTTPS port: use https://{endpoint.Host} (a password must not cross in clear text)");
        }

        if (endpoint.IsHttps && endpoint.Port == 80)
        {
            throw new CliUsageException($"{endpoint}: https:// on port 80, the plain-HTTP port: iLOs serve HTTPS on 443 (use https://{endpoint.Host})");
        }
    }

    /// <summary>The warning for a plain-HTTP address to another machine, else null.</summary>
    public static string? Warning(RedfishEndpoint endpoint) =>
        endpoint.IsHttps || IsLoopback(endpoint.Host)
            ? null
            : $"warning: {endpoint}: plain HTTP: the password will cross the network in clear text; iLOs serve HTTPS (https://{endpoint.HostPort})";

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
