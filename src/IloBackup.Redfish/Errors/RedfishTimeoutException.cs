namespace IloBackup.Redfish.Errors;

/// <summary>
/// The iLO did not answer within the configured time. Distinct from the caller's own
/// cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class RedfishTimeoutException : RedfishException
{
    public RedfishTimeoutException()
    {
    }

    public RedfishTimeoutException(string message)
        : base(message)
    {
    }

    public RedfishTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
