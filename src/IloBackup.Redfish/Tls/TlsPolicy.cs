using System.Security.Cryptography.X509Certificates;

namespace IloBackup.Redfish.Tls;

/// <summary>
/// The TLS trust policy of a client. Immutable; one long-lived handler exists per endpoint and
/// policy (see <see cref="Http.RedfishHandlerPool"/>).
/// </summary>
public sealed record TlsPolicy
{
    private TlsPolicy(TlsMode mode) => Mode = mode;

    public TlsMode Mode { get; }

    /// <summary>Where fingerprints are pinned (trust on first use); null pins nothing on disk.</summary>
    public KnownHostsFile? KnownHosts { get; init; }

    /// <summary>A fingerprint known up front (e.g. from an inventory): the certificate must match it.</summary>
    public string? PinnedFingerprint { get; init; }

    /// <summary>
    /// Where <see cref="PinnedFingerprint"/> was written, for the changed-certificate error (e.g. the
    /// inventory's file and line); null: the <c>--fingerprint</c> option.
    /// </summary>
    public string? PinnedFingerprintSource { get; init; }

    /// <summary>Accept and pin a certificate seen for the first time without asking (<c>--trust-new</c>).</summary>
    public bool TrustNew { get; init; }

    /// <summary>Asked about a certificate seen for the first time when <see cref="TrustNew"/> is false.</summary>
    public UnknownCertificatePrompt? Prompt { get; init; }

    /// <summary>The CAs of <see cref="TlsMode.CaFile"/>.</summary>
    public X509Certificate2Collection? CaCertificates { get; init; }

    /// <summary>
    /// True when judging <paramref name="hostPort"/>'s certificate under this policy can depend on
    /// the system's public CA store: only for a host with no pin under <see cref="TlsMode.VerifyAndPin"/>.
    /// A pin (<see cref="PinnedFingerprint"/> or a known_hosts line) decides alone, whatever the
    /// store says; <see cref="TlsMode.CaFile"/> trusts only its own CAs; the dangerous mode trusts all.
    /// </summary>
    public bool ConsultsSystemTrust(string hostPort) => Mode == TlsMode.VerifyAndPin && !IsPinned(hostPort);

    /// <summary>
    /// True when the verdict on <paramref name="hostPort"/>'s certificate ignores its chain: any
    /// certificate is accepted, or a pin decides by fingerprint alone.
    /// </summary>
    public bool IgnoresChainErrors(string hostPort) => Mode switch
    {
        TlsMode.DangerousAcceptAnyCertificate => true,
        TlsMode.VerifyAndPin => IsPinned(hostPort),
        _ => false,
    };

    private bool IsPinned(string hostPort) => (PinnedFingerprint ?? KnownHosts?.Find(hostPort)) is not null;

    /// <summary>System trust plus pinning in <paramref name="knownHosts"/>: the default.</summary>
    public static TlsPolicy VerifyAndPin(KnownHostsFile? knownHosts) => new(TlsMode.VerifyAndPin) { KnownHosts = knownHosts };

    /// <summary>Trusts certificates issued by the CAs in a PEM file.</summary>
    public static TlsPolicy FromCaFile(string pemPath)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemPath);
        if (collection.Count == 0)
        {
            throw new ArgumentException($"no certificate found in {pemPath}", nameof(pemPath));
        }

        return new TlsPolicy(TlsMode.CaFile) { CaCertificates = collection };
    }

    /// <summary>Accepts any certificate. Named so nobody uses it by accident (<c>--insecure</c>).</summary>
    public static TlsPolicy DangerousAcceptAnyCertificate() => new(TlsMode.DangerousAcceptAnyCertificate);
}
