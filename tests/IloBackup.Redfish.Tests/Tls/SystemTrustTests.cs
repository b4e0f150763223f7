using IloBackup.Redfish.Tls;

namespace IloBackup.Redfish.Tests.Tls;

/// <summary>
/// Which policies can depend on the system's public CA store for a host: the CLI skips loading
/// the store only when none can (a pin, a CA file or the dangerous mode decides alone).
/// </summary>
public sealed class SystemTrustTests : IDisposable
{
    private const string Pin = "SHA256:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-systrust-").FullName;

    private string KnownHostsPath => Path.Combine(_directory, "known_hosts");

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void An_unpinned_host_goes_through_the_system_store()
    {
        Assert.True(TlsPolicy.VerifyAndPin(null).ConsultsSystemTrust("ilo1:443"));
        Assert.True(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)).ConsultsSystemTrust("ilo1:443"));
        Assert.True((TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)) with { TrustNew = true }).ConsultsSystemTrust("ilo1:443"));
    }

    [Fact]
    public void A_host_pinned_in_known_hosts_does_not_but_its_neighbours_do()
    {
        File.WriteAllText(KnownHostsPath, $"# pins\nilo1:443 {Pin}\n");
        var policy = TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath));
        Assert.False(policy.ConsultsSystemTrust("ilo1:443"));
        Assert.False(policy.ConsultsSystemTrust("ILO1:443"));
        Assert.True(policy.ConsultsSystemTrust("ilo1:8443"));
        Assert.True(policy.ConsultsSystemTrust("ilo2:443"));
    }

    [Fact]
    public void A_fingerprint_given_up_front_a_ca_file_and_the_dangerous_mode_decide_alone()
    {
        Assert.False((TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = Pin }).ConsultsSystemTrust("ilo1:443"));
        Assert.False(TlsPolicy.DangerousAcceptAnyCertificate().ConsultsSystemTrust("ilo1:443"));
        using var ca = TestSupport.Certificates.TestCertificates.CreateSelfSigned("ca");
        var pem = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(pem, ca.ExportCertificatePem());
        Assert.False(TlsPolicy.FromCaFile(pem).ConsultsSystemTrust("ilo1:443"));
    }
}
