namespace IloBackup.Redfish.Tls;

/// <summary>One pin of a <see cref="KnownHostsFile"/>: <c>host:port</c>, fingerprint, and the line it is on (from 1).</summary>
public sealed record KnownHostEntry(string HostPort, string Fingerprint, int Line);
