using IloBackup.Cli;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Tls;

namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>Real sockets and TLS on 127.0.0.1, the iLO's own self-signed certificate, pinning as SSH does.</summary>
public sealed class HttpsAgainstEmulatorTests
{
    [Fact]
    public async Task Trust_on_first_use_pins_and_a_replaced_board_certificate_is_refused_loudly()
    {
        await using var ilo = await EmulatedIlo.StartAsync(listen: true);
        var knownHosts = new KnownHostsFile(Path.Combine(ilo.Directory, "known_hosts"));
        using (var strict = ilo.HttpsClient(TlsPolicy.VerifyAndPin(knownHosts)))
        {
            var unknown = await Assert.ThrowsAsync<RedfishTlsException>(() => strict.GetServiceRootAsync(CancellationToken.None));
            Assert.Equal(TlsRejection.UnknownCertificate, unknown.Reason);
            Assert.True(CertificateFingerprint.AreEqual(ilo.Fleet[0].CertificateFingerprint, unknown.PresentedFingerprint));
        }

        using (var trusting = ilo.HttpsClient(TlsPolicy.VerifyAndPin(knownHosts) with { TrustNew = true }))
        {
            await using var session = await trusting.LoginAsync(CancellationToken.None);
            Assert.True(await session.IsActiveAsync(CancellationToken.None));
        }

        Assert.True(CertificateFingerprint.AreEqual(ilo.Fleet[0].CertificateFingerprint, knownHosts.Find($"127.0.0.1:{ilo.Fleet[0].Port}")));
        Assert.Equal(0, ilo.Fleet[0].Sessions.Count);

        ilo.Fleet[0].ReplaceSystemBoard(TimeSpan.Zero);
        using var afterReplacement = ilo.HttpsClient(TlsPolicy.VerifyAndPin(new KnownHostsFile(knownHosts.Path)) with { TrustNew = true });
        var changed = await Assert.ThrowsAsync<RedfishTlsException>(() => afterReplacement.GetServiceRootAsync(CancellationToken.None));
        Assert.Equal(TlsRejection.FingerprintChanged, changed.Reason);
        Assert.Contains("CERTIFICATE CHANGED", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_backs_up_and_restores_over_pinned_https_and_never_prints_a_password()
    {
        await using var ilo = await EmulatedIlo.StartAsync(listen: true);
        var passwordFile = Path.Combine(ilo.Directory, "password");
        await File.WriteAllTextAsync(passwordFile, EmulatedIlo.Password);
        var host = ilo.Fleet[0].BaseUrl.ToString();
        string[] common = ["--user", ilo.Fleet.AdminUser, "--password-file", passwordFile, "--fingerprint", ilo.Fleet[0].CertificateFingerprint, "--verbose"];
        var output = Path.Combine(ilo.Directory, "backups");

        var backup = await RunAsync(["backup", host, "--output", output + "/", .. common]);
        Assert.True(backup.Code == ExitCodes.Ok, backup.Err);
        var file = Assert.Single(Directory.GetFiles(output, "HPE_*.bak"));
        Assert.True(File.Exists(file + ".json"));

        var original = ilo.Fleet[0].Configuration.Network.HostName;
        ilo.Fleet[0].UpdateConfiguration(c => c with { Network = c.Network with { HostName = "wrong-name" } });
        var restore = await RunAsync(["restore", host, file, "--yes", "--poll-interval", "50ms", "--deadline", "1m", .. common]);
        Assert.True(restore.Code == ExitCodes.Ok, restore.Err);
        Assert.Equal(original, ilo.Fleet[0].Configuration.Network.HostName);
        Assert.Contains("resetting", restore.Err, StringComparison.Ordinal);
        Assert.Contains("same server", restore.Out, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Fleet[0].Sessions.Count);

        var everything = backup.Out + backup.Err + restore.Out + restore.Err;
        Assert.Contains("logged in as", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedIlo.Password, everything, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Sessions/[A-Za-z0-9]", everything);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, TextReader.Null, isInteractive: false);
        var code = await CliApp.RunAsync(args, console, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
