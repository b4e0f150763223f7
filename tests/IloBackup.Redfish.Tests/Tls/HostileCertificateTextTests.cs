using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Emulator.Hosting;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Redfish.Tests.Tls;

/// <summary>
/// The subject and issuer of a certificate are the device's own text, shown at the trust-on-first-use
/// prompt and by <c>ilobackup trust</c>, just above the fingerprint the user is asked to compare. A
/// hostile device must not be able to put terminal escape sequences there (which could clear the
/// screen, move the cursor over the fingerprint, or set the window title), nor line breaks that fake
/// another line of the prompt.
/// </summary>
public sealed class HostileCertificateTextTests : IAsyncLifetime
{
    private const string Hostile = "ilo\u001b[2J\u001b[1;1Hfingerprint: SHA256:00\r\n  trusted: yes\u001b]0;title\u0007\u202e";
    private readonly X509Certificate2 _certificate = Create(Hostile);
    private EmulatorFleet _fake = null!;

    public async Task InitializeAsync() => _fake = await TestIlo.StartKestrelAsync(_certificate);

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task The_first_use_prompt_sees_no_control_character_of_the_certificate()
    {
        UnknownCertificate? asked = null;
        var policy = TlsPolicy.VerifyAndPin(null) with
        {
            Prompt = (certificate, _) =>
            {
                asked = certificate;
                return ValueTask.FromResult(false);
            },
        };
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(_fake.BaseAddress().ToString()))
            .WithCredentials(new Credentials.RedfishCredential("Administrator", "unused"))
            .WithTls(policy)
            .Build();

        await Assert.ThrowsAsync<RedfishTlsException>(() => client.GetServiceRootAsync(CancellationToken.None));

        Assert.NotNull(asked);
        AssertClean(asked.Subject);
        AssertClean(asked.Issuer);
    }

    [Fact]
    public async Task The_trust_probe_shows_no_control_character_of_the_certificate()
    {
        var presented = await CertificateProbe.ReadAsync(RedfishEndpoint.Parse(_fake.BaseAddress().ToString()), CancellationToken.None);

        AssertClean(presented.Subject);
        AssertClean(presented.Issuer);
        Assert.Equal(CertificateFingerprint.Compute(_certificate), presented.Fingerprint);
    }

    private static void AssertClean(string text)
    {
        Assert.Contains("ilo", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => char.IsControl(c) || c == '\u202e');
    }

    private static X509Certificate2 Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        using var created = request.CreateSelfSigned(now, now.AddYears(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
