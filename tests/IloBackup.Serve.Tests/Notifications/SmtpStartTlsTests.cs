using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Serve.Notifications;

namespace IloBackup.Serve.Tests.Notifications;

/// <summary>
/// Mail over a real STARTTLS handshake: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1 that refuses mail before
/// STARTTLS, with a certificate made here. The channel verifies the server's certificate: against the CA given
/// (<c>--smtp-ca</c>), and refuses it against the system's CAs or another CA, sending nothing.
/// </summary>
public sealed class SmtpStartTlsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smtp-tls-").FullName;
    private Process? _server;
    private int _port;
    private X509Certificate2 _certificate = null!;

    public async Task InitializeAsync()
    {
        if (SmtpServer.Python is null)
        {
            return;
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow.AddDays(-1); // a certificate's validity, not a test's timing
        _certificate = request.CreateSelfSigned(now, now.AddDays(30));
        await File.WriteAllTextAsync(Path.Combine(_directory, "cert.pem"), _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        const string script = """
            import ssl, sys
            from aiosmtpd.controller import Controller
            from aiosmtpd.handlers import Mailbox
            folder, port = sys.argv[1], int(sys.argv[2])
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(folder + "/cert.pem", folder + "/key.pem")
            controller = Controller(Mailbox(folder + "/maildir"), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
            controller.start()
            print("ready", flush=True)
            sys.stdin.read()
            controller.stop()
            """;
        _server = Process.Start(new ProcessStartInfo(SmtpServer.Python)
        {
            ArgumentList = { "-c", script, _directory, _port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var ready = await _server.StandardOutput.ReadLineAsync();
        if (ready != "ready")
        {
            Assert.Fail($"aiosmtpd with STARTTLS did not start: {await _server.StandardError.ReadToEndAsync()}");
        }
    }

    [SmtpFact]
    public async Task Mail_goes_over_STARTTLS_to_a_server_whose_certificate_chains_to_the_given_CA()
    {
        await Channel(new X509Certificate2Collection(_certificate)).SendAsync(Message(), CancellationToken.None);
        var mail = Assert.Single(Mails());
        Assert.Contains("Subject: STARTTLS check", mail, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task A_certificate_the_system_does_not_trust_is_refused_and_nothing_is_sent()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Channel(null).SendAsync(Message(), CancellationToken.None));
        Assert.Empty(Mails());
    }

    [SmtpFact]
    public async Task A_certificate_of_another_CA_is_refused_and_nothing_is_sent()
    {
        using var otherKey = ECDsa.Create();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        using var other = new CertificateRequest("CN=other CA", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(now, now.AddDays(30));
        await Assert.ThrowsAnyAsync<Exception>(() => Channel(new X509Certificate2Collection(other)).SendAsync(Message(), CancellationToken.None));
        Assert.Empty(Mails());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        _certificate?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private EmailChannel Channel(X509Certificate2Collection? roots) => new(new EmailSettings
    {
        Host = "127.0.0.1", Port = _port, From = "ilobackup@example.com", To = ["ops@example.com"], RequireTls = true, TrustedRoots = roots,
        Timeout = TimeSpan.FromMinutes(1),
    });

    private static Notification Message() => new(NotificationKind.RunFinished, "STARTTLS check", "sent over TLS", []);

    private List<string> Mails()
    {
        var folder = Path.Combine(_directory, "maildir", "new");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(File.ReadAllText)] : [];
    }
}
