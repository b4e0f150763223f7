namespace IloBackup.Redfish.Tls;

/// <summary>How server certificates are judged.</summary>
public enum TlsMode
{
    /// <summary>System trust, plus fingerprint pinning (known hosts, inventory) and trust on first use.</summary>
    VerifyAndPin,

    /// <summary>The certificate must chain to a CA from a file and name the host.</summary>
    CaFile,

    /// <summary>Accepts any certificate: no protection against a man in the middle.</summary>
    DangerousAcceptAnyCertificate,
}
