using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Logging;
using Microsoft.Extensions.Logging;

namespace IloBackup.Redfish.Tls;

/// <summary>
/// Judges the certificates of one endpoint under one policy. The validation callback of
/// SslStream is synchronous, so an unknown certificate is refused here and remembered; the client
/// then asks the (asynchronous) prompt and, when the user agrees, pins it and connects again.
/// </summary>
internal sealed class CertificateTrust(string hostPort, TlsPolicy policy, ILogger logger)
{
    private volatile TlsRefusal? _lastRefusal;

    /// <summary>Pinned by this process without a known hosts file (TOFU with no file): still checked on every connection.</summary>
    private volatile string? _pinnedThisRun;

    public string HostPort { get; } = hostPort;

    public TlsPolicy Policy { get; } = policy;

    /// <summary>The last certificate refused on this endpoint, used to explain a failed handshake.</summary>
    public TlsRefusal? LastRefusal => _lastRefusal;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _ = sender;
        if (Policy.Mode == TlsMode.DangerousAcceptAnyCertificate)
        {
            return true;
        }

        if (certificate is null)
        {
            return Refuse(new TlsRefusal(TlsRejection.HandshakeFailed, null, null, null));
        }

        var presented = CertificateFingerprint.Compute(certificate);
        return Policy.Mode == TlsMode.CaFile
            ? ValidateAgainstCa(certificate, errors, presented)
            : ValidatePinned(certificate, errors, presented);
    }

    /// <summary>Pins the fingerprint of a refused unknown certificate after the user agreed.</summary>
    public void Pin(string fingerprint)
    {
        Policy.KnownHosts?.Add(HostPort, fingerprint);
        _pinnedThisRun = fingerprint;
        RedfishLog.CertificatePinned(logger, HostPort, fingerprint);
    }

    private bool ValidatePinned(X509Certificate certificate, SslPolicyErrors errors, string presented)
    {
        var (expected, pin) = Expected(presented);
        if (expected is not null)
        {
            return CertificateFingerprint.AreEqual(expected, presented)
                || Refuse(new TlsRefusal(TlsRejection.FingerprintChanged, presented, expected, Describe(certificate, presented)) { Pin = pin });
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (Policy.TrustNew)
        {
            Pin(presented);
            return true;
        }

        return Refuse(new TlsRefusal(TlsRejection.UnknownCertificate, presented, null, Describe(certificate, presented)));
    }

    /// <summary>The pin that applies and where it lives, with what updates it once the change is known to be expected.</summary>
    private (string? Fingerprint, PinLocation? Where) Expected(string presented)
    {
        if (Policy.PinnedFingerprint is { } given)
        {
            return Policy.PinnedFingerprintSource is { } source
                ? (given, new PinLocation(source, $"change the fingerprint there to {presented}"))
                : (given, new PinLocation("the --fingerprint option", $"pass --fingerprint {presented}"));
        }

        if (Policy.KnownHosts?.FindEntry(HostPort) is { } known)
        {
            return (known.Fingerprint, new PinLocation(
                $"the known hosts file {Policy.KnownHosts.Path}, line {known.Line}", $"ilobackup trust {HostPort} --fingerprint {presented}"));
        }

        return (_pinnedThisRun, _pinnedThisRun is null ? null : new PinLocation("this run (no known hosts file)", "run the command again"));
    }

    private bool ValidateAgainstCa(X509Certificate certificate, SslPolicyErrors errors, string presented)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || Policy.CaCertificates is null)
        {
            return Refuse(new TlsRefusal(TlsRejection.NotTrustedByCa, presented, null, null));
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Policy.CaCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf) || Refuse(new TlsRefusal(TlsRejection.NotTrustedByCa, presented, null, null));
    }

    private bool Refuse(TlsRefusal refusal)
    {
        _lastRefusal = refusal;
        return false;
    }

    private UnknownCertificate Describe(X509Certificate certificate, string fingerprint)
    {
        using var full = new X509Certificate2(certificate);
        // The subject and issuer are the device's own text, shown beside the fingerprint to compare.
        return new UnknownCertificate(
            HostPort, fingerprint, Json.UntrustedText.Clean(full.Subject)!, Json.UntrustedText.Clean(full.Issuer)!, new DateTimeOffset(full.NotAfter.ToUniversalTime()));
    }
}

/// <summary>Why and which certificate was refused.</summary>
internal sealed record TlsRefusal(TlsRejection Reason, string? Presented, string? Expected, UnknownCertificate? Certificate)
{
    /// <summary>For <see cref="TlsRejection.FingerprintChanged"/>: where the pin lives and how to update it.</summary>
    public PinLocation? Pin { get; init; }
}

/// <summary>Where a certificate pin lives (<paramref name="Where"/>) and what updates it (<paramref name="Update"/>).</summary>
internal sealed record PinLocation(string Where, string Update);
