namespace IloBackup.Redfish.Errors;

/// <summary>The TLS handshake failed or the certificate was refused by the trust policy.</summary>
public sealed class RedfishTlsException : RedfishException
{
    public RedfishTlsException()
    {
    }

    public RedfishTlsException(string message)
        : base(message)
    {
    }

    public RedfishTlsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the certificate was refused; <see cref="TlsRejection.HandshakeFailed"/> when no certificate was judged.</summary>
    public TlsRejection Reason { get; init; } = TlsRejection.HandshakeFailed;

    /// <summary>The presented certificate's fingerprint (<c>SHA256:AB:CD:...</c>), when one was presented.</summary>
    public string? PresentedFingerprint { get; init; }

    /// <summary>The pinned fingerprint it was compared with, for <see cref="TlsRejection.FingerprintChanged"/>.</summary>
    public string? ExpectedFingerprint { get; init; }

    /// <summary>For <see cref="TlsRejection.FingerprintChanged"/>: where the pin lives (the known hosts file and line, the inventory's file and line, or the option).</summary>
    public string? PinnedIn { get; init; }
}
