using IloBackup.Cli.Tests.Crash;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Certificates;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.Connection;

/// <summary>
/// The real CLI process skips loading the system CA store only when the iLO is pinned (or given
/// by --ca-file), and trust stays as strict: a pinned host still refuses any other certificate,
/// and an unpinned one still goes through the store and trust on first use.
/// </summary>
public sealed class SystemCaStoreTests : IAsyncLifetime
{
    private const string Skipped = "the system CA store is not loaded";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.CreateSelfSigned();
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-cli-castore-").FullName;
    private EmulatorFleet _fake = null!;

    private string KnownHosts => Path.Combine(_directory, "known_hosts");

    private string HostPort => $"127.0.0.1:{_fake.BaseAddress().Port}";

    public async Task InitializeAsync()
    {
        _fake = await TestIlo.StartKestrelAsync(_certificate);
        await File.WriteAllTextAsync(Path.Combine(_directory, "password"), TestIlo.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_directory, true);
    }

    [Fact]
    public async Task A_pinned_host_skips_the_store_and_backs_up()
    {
        await File.WriteAllTextAsync(KnownHosts, $"{HostPort} {CertificateFingerprint.Compute(_certificate)}\n");
        var (code, output) = await RunAsync();
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_host_with_another_certificate_is_still_refused()
    {
        using var other = TestCertificates.CreateSelfSigned("someone-else");
        await File.WriteAllTextAsync(KnownHosts, $"{HostPort} {CertificateFingerprint.Compute(other)}\n");
        var (code, output) = await RunAsync();
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("CERTIFICATE CHANGED", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*.bak"));
    }

    [Fact]
    public async Task A_wrong_fingerprint_option_is_refused()
    {
        using var other = TestCertificates.CreateSelfSigned("someone-else");
        var (code, output) = await RunAsync("--fingerprint", CertificateFingerprint.Compute(other));
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);
        Assert.Contains("CERTIFICATE CHANGED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ca_file_skips_the_store_and_still_decides_alone()
    {
        var pem = Path.Combine(_directory, "ca.pem");
        await File.WriteAllTextAsync(pem, TestCertificates.ToPem(_certificate));
        var (code, output) = await RunAsync("--ca-file", pem);
        Assert.True(code == ExitCodes.Ok, output);
        Assert.Contains(Skipped, output, StringComparison.Ordinal);

        using var other = TestCertificates.CreateSelfSigned("other-ca");
        await File.WriteAllTextAsync(pem, TestCertificates.ToPem(other));
        var (refused, refusal) = await RunAsync("--ca-file", pem);
        Assert.Equal(ExitCodes.Failed, refused);
        Assert.Contains(Skipped, refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(KnownHosts));
    }

    [Fact]
    public async Task An_unpinned_host_keeps_the_store_and_trust_on_first_use()
    {
        var (refused, refusal) = await RunAsync();
        Assert.Equal(ExitCodes.Failed, refused);
        Assert.DoesNotContain(Skipped, refusal, StringComparison.Ordinal);
        Assert.Contains("--trust-new", refusal, StringComparison.Ordinal);

        var (code, output) = await RunAsync("--trust-new");
        Assert.True(code == ExitCodes.Ok, output);
        Assert.DoesNotContain(Skipped, output, StringComparison.Ordinal);
        Assert.Contains(CertificateFingerprint.Compute(_certificate), await File.ReadAllTextAsync(KnownHosts), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] extra)
    {
        var environment = new Dictionary<string, string> { [KnownHostsFile.EnvironmentVariable] = KnownHosts };
        using var child = ChildCli.Start(environment, [
            "backup", _fake.BaseAddress().ToString(), "-o", _directory + "/", "--no-snapshot", "--overwrite", "--verbose",
            "--user", "admin", "--password-file", Path.Combine(_directory, "password"), .. extra]);
        var code = await child.WaitForExitAsync(Limit);
        return (code, child.Output);
    }
}
