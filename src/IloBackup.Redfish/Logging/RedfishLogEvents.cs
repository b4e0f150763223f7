namespace IloBackup.Redfish.Logging;

/// <summary>Event ids of the client's log lines (1000-1099).</summary>
public static class RedfishLogEvents
{
    public const int Request = 1000;
    public const int RequestFailed = 1001;
    public const int Retry = 1002;
    public const int RegistryRead = 1003;
    public const int RegistryUnavailable = 1004;
    public const int LoggedIn = 1010;
    public const int LoggedOut = 1011;
    public const int LogoutFailed = 1012;
    public const int SessionGone = 1013;
    public const int LoginAnswerLost = 1014;
    public const int OrphanLoggedOut = 1015;
    public const int OrphanCleanupFailed = 1016;
    public const int CertificatePinned = 1020;
    public const int Downloaded = 1030;
    public const int Uploaded = 1031;
}
