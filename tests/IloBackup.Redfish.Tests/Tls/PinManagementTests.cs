using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Certificates;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Redfish.Tests.Tls;

/// <summary>
/// Issue 15, safety 8: the known hosts file can be listed and edited (a pin replaced in its line, or
/// removed, comments kept), the probe reads a certificate without trusting it, and a changed
/// certificate names where its pin lives and what updates it.
/// </summary>
public sealed class PinManagementTests : IAsyncLifetime
{
    private static readonly string First = "SHA256:" + string.Join(':', Enumerable.Repeat("01", 32));
    private static readonly string Second = "SHA256:" + string.Join(':', Enumerable.Repeat("02", 32));
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-pins-").FullName;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.CreateSelfSigned();
    private EmulatorFleet _fake = null!;

    private string KnownHostsPath => Path.Combine(_directory, "known_hosts");

    private string HostPort => $"127.0.0.1:{_fake.BaseAddress().Port}";

    public async Task InitializeAsync() => _fake = await TestIlo.StartKestrelAsync(_certificate);

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_directory, true);
    }

    [Fact]
    public void Pins_are_listed_with_their_lines_replaced_in_place_and_removed_keeping_comments()
    {
        File.WriteAllText(KnownHostsPath, $"# site pins\nilo1:443 {First}\n\nilo2:443 {First}\n");
        var known = new KnownHostsFile(KnownHostsPath);
        Assert.Equal([("ilo1:443", 2), ("ilo2:443", 4)], known.List().Select(e => (e.HostPort, e.Line)));

        var old = known.Replace("ILO1:443", Second);
        Assert.Equal(First, old!.Fingerprint);
        Assert.Equal(2, old.Line);
        Assert.Equal($"# site pins\nilo1:443 {Second}\n\nilo2:443 {First}\n", File.ReadAllText(KnownHostsPath));
        Assert.Null(known.Replace("ilo3:443", Second)); // appended
        Assert.Equal(5, known.FindEntry("ilo3:443")!.Line);

        Assert.Equal(4, known.Remove("ilo2:443")!.Line);
        Assert.Null(known.Remove("ilo2:443"));
        Assert.Equal($"# site pins\nilo1:443 {Second}\n\nilo3:443 {Second}\n", File.ReadAllText(KnownHostsPath));
        var conflict = Assert.Throws<InvalidOperationException>(() => known.Add("ilo1:443", First));
        Assert.Contains($"ilobackup trust ilo1:443 --fingerprint {First}", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probe_reads_the_certificate_without_pinning_it()
    {
        var seen = await CertificateProbe.ReadAsync(RedfishEndpoint.Parse(_fake.BaseAddress().ToString()), CancellationToken.None);
        Assert.Equal(HostPort, seen.HostPort);
        Assert.True(CertificateFingerprint.AreEqual(CertificateFingerprint.Compute(_certificate), seen.Fingerprint));
        Assert.False(File.Exists(KnownHostsPath));
    }

    [Fact]
    public async Task A_changed_certificate_names_the_known_hosts_line_and_the_trust_command()
    {
        await File.WriteAllTextAsync(KnownHostsPath, $"# pinned earlier\n{HostPort} {First}\n");
        using var client = Build(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)));
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));
        var presented = CertificateFingerprint.Compute(_certificate);
        Assert.Equal($"the known hosts file {KnownHostsPath}, line 2", error.PinnedIn);
        Assert.Contains($"ilobackup trust {HostPort} --fingerprint {presented}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_certificate_pinned_elsewhere_names_that_place()
    {
        using var client = Build(TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = First, PinnedFingerprintSource = "the inventory fleet.yaml, line 7" });
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.Contains("pinned in the inventory fleet.yaml, line 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("change the fingerprint there to SHA256:", error.Message, StringComparison.Ordinal);

        using var option = Build(TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = First });
        error = await Assert.ThrowsAsync<RedfishTlsException>(() => option.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal("the --fingerprint option", error.PinnedIn);
    }

    private RedfishClient Build(TlsPolicy policy) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(_fake.BaseAddress().ToString()))
            .WithTls(policy)
            .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
            .Build();
}
