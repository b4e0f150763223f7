using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Certificates;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Redfish.Tests.Tls;

/// <summary>Real HTTPS on 127.0.0.1 with a self-signed certificate, as an iLO has.</summary>
public sealed class TlsPinningTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-tls-").FullName;
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
    public async Task An_unknown_certificate_is_refused_with_its_fingerprint_and_a_hint()
    {
        using var client = Build(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)));
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal(TlsRejection.UnknownCertificate, error.Reason);
        Assert.True(CertificateFingerprint.AreEqual(CertificateFingerprint.Compute(_certificate), error.PresentedFingerprint));
        Assert.Contains("--trust-new", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KnownHostsPath));
    }

    [Fact]
    public async Task Trust_new_pins_the_certificate_in_known_hosts()
    {
        using (var client = Build(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)) with { TrustNew = true }))
        {
            await client.GetServiceRootAsync(CancellationToken.None);
        }

        var line = Assert.Single(File.ReadAllLines(KnownHostsPath));
        Assert.Equal($"{HostPort} {CertificateFingerprint.Compute(_certificate)}", line);

        using var again = Build(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)));
        await again.GetServiceRootAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_changed_fingerprint_is_refused_loudly()
    {
        using var other = TestCertificates.CreateSelfSigned("someone-else");
        await File.WriteAllTextAsync(KnownHostsPath, $"# pinned earlier\n{HostPort} {CertificateFingerprint.Compute(other)}\n");
        using var client = Build(TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)) with { TrustNew = true });
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal(TlsRejection.FingerprintChanged, error.Reason);
        Assert.Contains("CERTIFICATE CHANGED", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task An_inventory_pin_is_checked_up_front()
    {
        using var good = Build(TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = CertificateFingerprint.Compute(_certificate).ToLowerInvariant().Replace(":", "", StringComparison.Ordinal) });
        await good.GetServiceRootAsync(CancellationToken.None);
        using var other = TestCertificates.CreateSelfSigned("someone-else");
        using var bad = Build(TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = CertificateFingerprint.Compute(other) });
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => bad.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal(TlsRejection.FingerprintChanged, error.Reason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_prompt_decides_on_first_use(bool accept)
    {
        UnknownCertificate? asked = null;
        var policy = TlsPolicy.VerifyAndPin(new KnownHostsFile(KnownHostsPath)) with
        {
            Prompt = (certificate, _) =>
            {
                asked = certificate;
                return ValueTask.FromResult(accept);
            },
        };
        using var client = Build(policy);
        if (accept)
        {
            await client.GetServiceRootAsync(CancellationToken.None);
            Assert.Single(File.ReadAllLines(KnownHostsPath));
        }
        else
        {
            await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));
            Assert.False(File.Exists(KnownHostsPath));
        }

        Assert.NotNull(asked);
        Assert.Equal(HostPort, asked.HostPort);
        Assert.Contains("ilo-test", asked.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ca_file_trusts_what_it_issued()
    {
        var pem = Path.Combine(_directory, "ca.pem");
        await File.WriteAllTextAsync(pem, TestCertificates.ToPem(_certificate));
        using var client = Build(TlsPolicy.FromCaFile(pem));
        await client.GetServiceRootAsync(CancellationToken.None);

        using var other = TestCertificates.CreateSelfSigned("other-ca");
        await File.WriteAllTextAsync(pem, TestCertificates.ToPem(other));
        using var refused = Build(TlsPolicy.FromCaFile(pem));
        var error = await Assert.ThrowsAsync<RedfishTlsException>(() => refused.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal(TlsRejection.NotTrustedByCa, error.Reason);
    }

    [Fact]
    public async Task The_dangerous_option_accepts_anything()
    {
        using var client = Build(TlsPolicy.DangerousAcceptAnyCertificate());
        await client.GetServiceRootAsync(CancellationToken.None);
        Assert.False(File.Exists(KnownHostsPath));
    }

    private RedfishClient Build(TlsPolicy policy) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(_fake.BaseAddress().ToString()))
            .WithTls(policy)
            .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
            .Build();
}
