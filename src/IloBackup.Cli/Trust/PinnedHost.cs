using IloBackup.Redfish;

namespace IloBackup.Cli.Trust;

/// <summary>The HOST of <c>trust</c> and <c>untrust</c>: an HTTPS iLO address (plain HTTP has no certificate to pin).</summary>
internal static class PinnedHost
{
    /// <summary>The <c>host:port</c> key of an iLO as given on the command line (HTTPS, 443 by default).</summary>
    public static RedfishEndpoint Endpoint(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new CliUsageException("give the iLO's HOST (or --list)");
        }

        if (!RedfishEndpoint.TryParse(host, out var endpoint, out var error))
        {
            throw new CliUsageException(error);
        }

        return endpoint.IsHttps ? endpoint : throw new CliUsageException($"{host}: plain HTTP has no certificate to pin");
    }
}
