namespace IloBackup.Redfish.Errors;

/// <summary>403: the account is valid but lacks a privilege (e.g. iLOConfigPriv) for this request.</summary>
public sealed class RedfishPrivilegeException : RedfishHttpException
{
    public RedfishPrivilegeException()
    {
    }

    public RedfishPrivilegeException(string message)
        : base(message)
    {
    }

    public RedfishPrivilegeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
