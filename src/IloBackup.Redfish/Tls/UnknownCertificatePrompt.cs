namespace IloBackup.Redfish.Tls;

/// <summary>
/// Asks whether to trust and pin a certificate seen for the first time (e.g. a terminal prompt).
/// Returns true to pin it and go on.
/// </summary>
public delegate ValueTask<bool> UnknownCertificatePrompt(UnknownCertificate certificate, CancellationToken cancellationToken);
