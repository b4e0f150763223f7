namespace IloBackup.Redfish.Errors;

/// <summary>The host could not be resolved or connected to, or the connection dropped mid-answer.</summary>
public sealed class RedfishUnreachableException : RedfishException
{
    public RedfishUnreachableException()
    {
    }

    public RedfishUnreachableException(string message)
        : base(message)
    {
    }

    public RedfishUnreachableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
