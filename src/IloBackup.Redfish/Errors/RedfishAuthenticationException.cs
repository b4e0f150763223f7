namespace IloBackup.Redfish.Errors;

/// <summary>401: wrong user name or password, or a session the iLO no longer knows.</summary>
public sealed class RedfishAuthenticationException : RedfishHttpException
{
    public RedfishAuthenticationException()
    {
    }

    public RedfishAuthenticationException(string message)
        : base(message)
    {
    }

    public RedfishAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
