namespace IloBackup.Redfish.Errors;

/// <summary>Why a TLS connection was refused.</summary>
public enum TlsRejection
{
    /// <summary>The handshake failed before a certificate could be judged.</summary>
    HandshakeFailed,

    /// <summary>Not trusted and not pinned: first contact with this iLO (trust on first use applies).</summary>
    UnknownCertificate,

    /// <summary>A pinned fingerprint exists and the certificate does not match it: possibly an attack.</summary>
    FingerprintChanged,

    /// <summary>The certificate does not chain to the configured CA file, or names another host.</summary>
    NotTrustedByCa,
}
