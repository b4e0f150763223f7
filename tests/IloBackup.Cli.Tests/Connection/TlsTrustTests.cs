using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Certificates;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.Connection;

/// <summary>The CLI's certificate trust over real HTTPS: prompt at a terminal, refusal with advice elsewhere.</summary>
[Collection(KnownHostsEnvironment.Name)]
public sealed class TlsTrustTests : IAsyncLifetime
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.CreateSelfSigned();
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-cli-tls-").FullName;
    private EmulatorFleet _fake = null!;

    private string KnownHosts => Path.Combine(_directory, "known_hosts");

    public async Task InitializeAsync()
    {
        _fake = await TestIlo.StartKestrelAsync(_certificate);
        await File.WriteAllTextAsync(Path.Combine(_directory, "password"), TestIlo.AdminPassword);
        Environment.SetEnvironmentVariable(KnownHostsFile.EnvironmentVariable, KnownHosts);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(KnownHostsFile.EnvironmentVariable, null);
        await _fake.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_directory, true);
    }

    private string[] Args(params string[] extra) =>
        ["backup", _fake.BaseAddress().ToString(), "-o", _directory + "/", "--no-snapshot", "--user", "admin", "--password-file", Path.Combine(_directory, "password"), .. extra];

    [Fact]
    public async Task Without_a_terminal_an_unknown_certificate_is_refused_with_its_fingerprint_and_advice()
    {
        var (code, _, error) = await CliRun.RunAsync(Args());
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains(CertificateFingerprint.Compute(_certificate), error, StringComparison.Ordinal);
        Assert.Contains("--trust-new", error, StringComparison.Ordinal);
        Assert.False(File.Exists(KnownHosts));
    }

    [Fact]
    public async Task At_a_terminal_the_user_is_asked_and_yes_pins_the_certificate()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader("y\n"), isInteractive: true);
        var code = await CliApp.RunAsync(Args(), console, CancellationToken.None);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.Contains("fingerprint: " + CertificateFingerprint.Compute(_certificate), error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_fake.BaseAddress().Port} {CertificateFingerprint.Compute(_certificate)}", await File.ReadAllTextAsync(KnownHosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_says_so_and_cannot_be_combined_with_pinning()
    {
        var (code, _, error) = await CliRun.RunAsync(Args("--insecure"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("NOT checked", error, StringComparison.Ordinal);
        var (usage, _, _) = await CliRun.RunAsync(Args("--insecure", "--trust-new"));
        Assert.Equal(ExitCodes.Usage, usage);
    }
}
