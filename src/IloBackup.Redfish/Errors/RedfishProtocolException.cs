namespace IloBackup.Redfish.Errors;

/// <summary>
/// The iLO answered 2xx but with something this client refuses to trust: a JSON body where a
/// backup file was expected, a body shorter than its Content-Length, JSON that does not parse.
/// </summary>
public sealed class RedfishProtocolException : RedfishException
{
    public RedfishProtocolException()
    {
    }

    public RedfishProtocolException(string message)
        : base(message)
    {
    }

    public RedfishProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
