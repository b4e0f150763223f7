namespace IloBackup.Redfish.Errors;

/// <summary>The iLO answered with an unexpected HTTP status (other than 401/403, which have their own types).</summary>
public class RedfishHttpException : RedfishException
{
    public RedfishHttpException()
    {
    }

    public RedfishHttpException(string message)
        : base(message)
    {
    }

    public RedfishHttpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The start of a non-JSON error body (e.g. iLO's plain <c>invalid_restore_password</c>);
    /// never a JSON body, which is parsed into ExtendedInfo instead.
    /// </summary>
    public string? PlainBody { get; init; }
}
