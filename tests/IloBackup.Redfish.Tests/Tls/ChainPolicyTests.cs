using IloBackup.Redfish.Tls;

namespace IloBackup.Redfish.Tests.Tls;

/// <summary>
/// When the verdict compares fingerprints only, handshakes skip building the chain against the
/// system's CA store; whenever the system's verdict still counts, it is built as before.
/// </summary>
public sealed class ChainPolicyTests
{
    private static readonly string Pin = "SHA256:" + string.Join(':', Enumerable.Repeat("0A", 32));

    [Fact]
    public void The_system_chain_is_skipped_only_when_it_cannot_change_the_verdict()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("chain-").FullName, "known_hosts");
        var known = new KnownHostsFile(path);
        known.Add("ilo1:443", Pin);

        Assert.True(TlsPolicy.DangerousAcceptAnyCertificate().IgnoresChainErrors("ilo9:443"));
        Assert.True((TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = Pin }).IgnoresChainErrors("ilo9:443"));
        Assert.True(TlsPolicy.VerifyAndPin(known).IgnoresChainErrors("ilo1:443"));

        // Not pinned yet: a publicly trusted certificate is accepted on the system's word, so the chain counts.
        Assert.False(TlsPolicy.VerifyAndPin(known).IgnoresChainErrors("ilo2:443"));
        Assert.False((TlsPolicy.VerifyAndPin(null) with { TrustNew = true }).IgnoresChainErrors("ilo2:443"));
    }
}
