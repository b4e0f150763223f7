using System.Security.Authentication;
using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Http;

/// <summary>
/// The first request's failure told in plain words when the URL's scheme does not fit the port: an
/// <c>http://</c> URL on a port that speaks HTTPS (it drops a plain request), or an <c>https://</c>
/// URL on a port that answers plain HTTP (the TLS handshake reads a non-TLS answer).
/// </summary>
internal static class SchemeMismatch
{
    public static RedfishException? Explain(RedfishEndpoint endpoint, RedfishException error)
    {
        if (!endpoint.IsHttps && error is RedfishUnreachableException && !error.ConnectFailed)
        {
            return new RedfishUnreachableException(
                $"{endpoint}: the port closed the connection on a plain-HTTP request: it most likely speaks HTTPS, as iLOs do "
                + $"(use https://{endpoint.HostPort}); the first failure was: {error.Message}", error)
            {
                IsTransient = error.IsTransient, ClientAttempts = error.ClientAttempts,
            };
        }

        if (endpoint.IsHttps && error is RedfishTlsException { Reason: TlsRejection.HandshakeFailed } && AnsweredPlainHttp(error))
        {
            return new RedfishTlsException(
                $"{endpoint}: this port answers plain HTTP, not HTTPS (the TLS handshake got a non-TLS answer). iLOs serve Redfish over "
                + $"HTTPS; if this really is a plain-HTTP service, http://{endpoint.HostPort} would work, but the password would then "
                + "cross the network in clear text", error)
            {
                Reason = TlsRejection.HandshakeFailed,
            };
        }

        return null;
    }

    /// <summary>.NET's words for a handshake whose answer was not a TLS record ("...frame...").</summary>
    private static bool AnsweredPlainHttp(Exception error)
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException && e.Message.Contains("frame", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
