using System.Net;
using System.Net.Sockets;
using IloBackup.Redfish.Errors;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// The default idea of a failure worth retrying: network trouble, timeouts of one request, and the
/// HTTP statuses that mean "later" (408, 429, 502, 503, 504). Wrong credentials, missing privilege
/// and refused files are permanent (the Redfish client's exceptions say which they are): retrying them only locks accounts and wastes the deadline.
/// A failure the client already retried itself (<see cref="RedfishException.ClientAttempts"/>) is not
/// retried again: one layer per kind of failure (docs/client.md, "Retries").
/// </summary>
public static class TransientFailure
{
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IOException io when IloBackup.Durability.DiskFull.Is(io):
                    return false; // the local disk is full: another attempt fills it again
                case RedfishException redfish:
                    return redfish.IsTransient && redfish.ClientAttempts == 0;
                case HttpRequestException { StatusCode: { } status }:
                    return IsTransientStatus(status);
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                case IOException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>How many times the Redfish client tried the request that ended in <paramref name="exception"/> (0: it left this kind to its caller).</summary>
    public static int ClientAttempts(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RedfishException redfish)
            {
                return redfish.ClientAttempts;
            }
        }

        return 0;
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
