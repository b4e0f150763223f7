namespace IloBackup.Redfish.Tls;

/// <summary>A certificate seen for the first time, shown to the user before it is pinned.</summary>
public sealed record UnknownCertificate(string HostPort, string Fingerprint, string Subject, string Issuer, DateTimeOffset NotAfter);
