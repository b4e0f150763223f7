using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Serve.Tests.Notifications;
using IloBackup.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Tests.Serve;

/// <summary>
/// <c>ilobackup serve</c> configured by the config file's <c>serve:</c> section alone, through the CLI: a service that listens,
/// schedules and serves its certificate as the file says; notifications per channel and per event; inline secrets refused
/// without being repeated; <c>config show</c> listing the section's keys with their sources.
/// </summary>
public sealed partial class ServeConfigCliTests : IAsyncLifetime
{
    private EmulatedFleet _fleet = null!;

    private string Config => Path.Combine(_fleet.Directory, "config.yaml");

    public async Task InitializeAsync() => _fleet = await EmulatedFleet.StartAsync(2);

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Theory]
    [InlineData("    webhook:\n      url: https://h.example.com/\n      secret: HUNTER2-SECRET\n", 7, "'serve.notify.webhook.secret' is refused", "secret-file: PATH", "secret-env: NAME")]
    [InlineData("    mail:\n      server: mail.example.com\n      password: HUNTER2-SECRET\n", 7, "'serve.notify.mail.password' is refused", "password-file: PATH", "password-env: NAME")]
    [InlineData("    mail:\n      smtp-password: HUNTER2-SECRET\n", 6, "'serve.notify.mail.smtp-password' is refused", "password-file: PATH", "password-env: NAME")]
    [InlineData("    webhook:\n      url: https://user:HUNTER2-SECRET@h.example.com/\n", 6, "serve.notify.webhook.url: holds a user name or password", "secret-file", "secret-env")]
    [InlineData("    webhook:\n      secret-env: HUNTER2-SECRET!\n", 6, "serve.notify.webhook.secret-env: not the name of an environment variable", "never write the password here", "name the variable")]
    public async Task A_secret_written_in_the_section_is_refused_naming_the_key_and_never_repeated(string notify, int line, string refused, string hint1, string hint2)
    {
        await File.WriteAllTextAsync(Config, $"serve:\n  inventory: {_fleet.Inventory}\n  repo: {_fleet.Repository}\n  notify:\n{notify}");
        foreach (var args in new[] { new[] { "serve", "--once" }, ["config", "show", "--json"] })
        {
            var (code, output, error) = await CliRun.RunAsync([.. args, "--config", Config]);

            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains($"{Config}:{line}: {refused}", error, StringComparison.Ordinal);
            Assert.Contains(hint1, error, StringComparison.Ordinal);
            Assert.Contains(hint2, error, StringComparison.Ordinal);
            Assert.DoesNotContain("HUNTER2", output + error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(_fleet.Repository));
    }

    [Theory]
    [InlineData("serve:\n  tls:\n    password: HUNTER2-SECRET\n", 3, "'serve.tls.password' is refused", "password-file: PATH")]
    [InlineData("serve:\n  token: HUNTER2-SECRET\n", 2, "'serve.token' is refused", "ilobackup serve token add")]
    [InlineData("serve:\n  listen: 127.0.0.1:8080\n  colour: blue\n", 3, "unknown key 'serve.colour' (expected one of: repo, inventory, schedule, time-zone, jitter, listen, users, baseline, runner, lease, lease-wait, tls, notify)", "")]
    [InlineData("serve:\n  notify:\n    webhook:\n      events: [backup-done]\n", 4, "serve.notify.webhook.events: unknown event 'backup-done'", "")]
    [InlineData("serve:\n  notify: 5\n", 2, "'serve.notify' must be a mapping of events, throttle, webhook, mail", "")]
    [InlineData("serve:\n  tls: maybe\n", 2, "serve.tls: 'maybe' is not true or false", "")]
    public async Task The_section_is_checked_like_the_rest_of_the_file(string yaml, int line, string problem, string hint)
    {
        await File.WriteAllTextAsync(Config, yaml);
        var (code, output, error) = await CliRun.RunAsync("history", "--config", Config);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"error: {Config}:{line}: {problem}", error, StringComparison.Ordinal);
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain("HUNTER2", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_show_lists_the_section_s_keys_with_where_each_came_from()
    {
        await File.WriteAllTextAsync(Config, "repo: /srv/ilo\nserve:\n  listen: 127.0.0.1:8443\n  notify:\n    webhook:\n      url: https://h.example.com/\n      events: [run-finished]\n");
        var (code, output, error) = await CliRun.RunAsync("config", "show", "--config", Config);

        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n');
        Assert.Matches($@"^serve\.listen\s+127\.0\.0\.1:8443\s+file {Regex.Escape(Config)}:3$", lines.Single(l => l.StartsWith("serve.listen ", StringComparison.Ordinal)));
        Assert.Matches($@"^serve\.repo\s+/srv/ilo\s+file {Regex.Escape(Config)}:1 \(as repo\)$", lines.Single(l => l.StartsWith("serve.repo ", StringComparison.Ordinal)));
        Assert.Matches(@"^serve\.schedule\s+0 2 \* \* \*\s+built-in$", lines.Single(l => l.StartsWith("serve.schedule ", StringComparison.Ordinal)));
        Assert.Matches(@"^serve\.notify\.webhook\.secret-env\s+ILOBACKUP_WEBHOOK_SECRET\s+built-in$", lines.Single(l => l.StartsWith("serve.notify.webhook.secret-env ", StringComparison.Ordinal)));
        Assert.Matches(@"^serve\.notify\.mail\.server\s+-\s+unset$", lines.Single(l => l.StartsWith("serve.notify.mail.server ", StringComparison.Ordinal)));

        (code, output, error) = await CliRun.RunAsync("config", "show", "--json", "--config", Config);
        Assert.True(code == ExitCodes.Ok, error);
        var settings = JsonNode.Parse(output)!["settings"]!;
        Assert.Equal("run-finished", (string?)settings["serve.notify.webhook.events"]!["value"]);
        Assert.Equal("file", (string?)settings["serve.notify.webhook.events"]!["source"]);
        Assert.Equal($"{Config}:7", (string?)settings["serve.notify.webhook.events"]!["origin"]);
        Assert.Equal("repo", (string?)settings["serve.repo"]!["as"]);
        Assert.Equal("unset", (string?)settings["serve.baseline"]!["source"]);
    }

    [Fact]
    public async Task Serve_started_with_only_the_config_file_listens_schedules_and_uses_the_certificate_it_names()
    {
        var variable = "SERVECONF_TLS_" + Guid.NewGuid().ToString("N");
        var pfx = Path.Combine(_fleet.Directory, "tls", "serve.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(pfx)!);
        string fingerprint;
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var now = TimeProvider.System.GetUtcNow();
            using var made = new CertificateRequest("CN=serveconf", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
            await File.WriteAllBytesAsync(pfx, made.Export(X509ContentType.Pkcs12, "pfx-password-value"));
            fingerprint = "SHA256:" + string.Join(':', SHA256.HashData(made.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        await File.WriteAllTextAsync(Config, $"""
            serve:
              repo: {_fleet.Repository}
              inventory: {_fleet.Inventory}
              schedule: "15 3 * * *"
              time-zone: Europe/Berlin
              jitter: 5m
              listen: 127.0.0.1:0
              users: access/users
              tls:
                certificate: tls/serve.pfx
                password-env: {variable}
            """);
        Environment.SetEnvironmentVariable(variable, "pfx-password-value");
        try
        {
            using var output = new LockedWriter();
            using var error = new LockedWriter();
            using var stop = new CancellationTokenSource();
            var console = new CliConsole(output, error, new StringReader(string.Empty), isInteractive: false);
            var serve = CliApp.RunAsync(["serve", "--config", Config], console, stop.Token);

            await Polling.UntilAsync(() => output.ToString().Contains("serve: schedule", StringComparison.Ordinal) || serve.IsCompleted, "serve to listen", 60_000);
            Assert.False(serve.IsCompleted, error.ToString());
            var text = output.ToString();
            Assert.Contains($"serve: certificate {fingerprint}", text, StringComparison.Ordinal);
            Assert.Contains($"serve: schedule '15 3 * * *' (Europe/Berlin), users file {Path.Combine(_fleet.Directory, "access", "users")} (0 entries)", text, StringComparison.Ordinal);
            var url = ListeningOn().Match(text).Groups[1].Value;
            string? seen = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                {
                    seen = "SHA256:" + string.Join(':', SHA256.HashData(certificate!.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
                    return true;
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(fingerprint, seen);

            await stop.CancelAsync();
            Assert.Equal(0, await serve);
            Assert.DoesNotContain("pfx-password-value", output.ToString() + error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Serve_user_add_writes_the_users_file_the_section_names()
    {
        await File.WriteAllTextAsync(Config, "serve:\n  users: access/users\n");
        var (code, output, error) = await CliRun.RunAsync("correct-horse-battery\n", CancellationToken.None,
            "serve", "user", "add", "alice", "--role", "viewer", "--password-stdin", "--config", Config);

        var users = Path.Combine(_fleet.Directory, "access", "users");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"saved in {users}", output, StringComparison.Ordinal);
        Assert.NotNull(IloBackup.Serve.Access.UsersFile.Load(users).FindUser("alice"));
    }

    [Fact]
    public async Task The_webhook_sends_only_its_own_events_signed_with_the_secret_of_the_variable_the_section_names()
    {
        var variable = "SERVECONF_HOOK_" + Guid.NewGuid().ToString("N");
        await using var hook = await Receiver.StartAsync();
        await File.WriteAllTextAsync(Config, Section($"""
              notify:
                events: [backup-failed, run-finished]
                webhook:
                  url: {hook.Url}
                  secret-env: {variable}
                  events: [run-finished]
            """));
        Environment.SetEnvironmentVariable(variable, "env-hook-secret");
        try
        {
            var (code, _, error) = await CliRun.RunAsync("serve", "--once", "--retries", "0", "--config", Config);

            Assert.True(code == ExitCodes.Partial, error);
            Assert.Equal(["run-finished"], hook.Events("env-hook-secret"));
            Assert.DoesNotContain("env-hook-secret", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [SmtpFact]
    public async Task Each_channel_sends_the_events_chosen_for_it_with_secrets_from_files()
    {
        await using var hook = await Receiver.StartAsync();
        await using var smtp = await SmtpServer.StartAsync(_fleet.Directory);
        await File.WriteAllTextAsync(Path.Combine(_fleet.Directory, "hook.secret"), "file-hook-secret\n");
        await File.WriteAllTextAsync(Config, Section($"""
              notify:
                throttle: 0
                webhook:
                  url: {hook.Url}
                  secret-file: hook.secret
                  events: [backup-failed]
                mail:
                  server: 127.0.0.1
                  port: {smtp.Port}
                  from: ilobackup@example.com
                  to: [ops@example.com]
                  events: [run-finished]
            """));

        var (code, _, error) = await CliRun.RunAsync("serve", "--once", "--retries", "0", "--config", Config);

        Assert.True(code == ExitCodes.Partial, error);
        Assert.Equal(["backup-failed"], hook.Events("file-hook-secret"));
        var mail = Assert.Single(smtp.Mails());
        Assert.Contains("X-IloBackup-Event: run-finished", mail, StringComparison.Ordinal);
        Assert.Contains("To: ops@example.com", mail, StringComparison.Ordinal);

        // A flag beats the file for every channel: --notify sends backup-failed by mail too (none were held back by the throttle).
        (code, _, error) = await CliRun.RunAsync("serve", "--once", "--retries", "0", "--config", Config, "--notify", "backup-failed");
        Assert.True(code == ExitCodes.Partial, error);
        Assert.Equal(["backup-failed"], hook.Events("file-hook-secret"));
        Assert.Contains("X-IloBackup-Event: backup-failed", smtp.Mails()[^1], StringComparison.Ordinal);
        Assert.Equal(2, smtp.Mails().Count);
    }

    /// <summary>The section with the repository and an inventory of the fleet and one dead iLO (a failure to report).</summary>
    private string Section(string notify)
    {
        var inventory = Path.Combine(_fleet.Directory, "with-dead.yaml");
        File.WriteAllText(inventory, File.ReadAllText(_fleet.Inventory) + "  - host: http://127.0.0.1:1\n");
        return $"serve:\n  repo: {_fleet.Repository}\n  inventory: {inventory}\n" + notify + "\n";
    }

    [GeneratedRegex(@"serve: listening on (https://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    /// <summary>A webhook receiver on Kestrel at 127.0.0.1 keeping each POST's body and signature.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<(byte[] Body, string Signature)> _posts = Channel.CreateUnbounded<(byte[], string)>();

        private Receiver(WebApplication app) => _app = app;

        public string Url => _app.Urls.Single() + "/hook";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var receiver = new Receiver(builder.Build());
            receiver._app.MapPost("/hook", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                await receiver._posts.Writer.WriteAsync((body.ToArray(), http.Request.Headers["X-IloBackup-Signature"].ToString()));
                return Results.NoContent();
            });
            await receiver._app.StartAsync();
            return receiver;
        }

        /// <summary>The events received so far (serve --once has drained its queue when it returns), each signature checked.</summary>
        public List<string> Events(string secret)
        {
            var events = new List<string>();
            while (_posts.Reader.TryRead(out var post))
            {
                Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), post.Body)), post.Signature);
                events.Add((string)JsonNode.Parse(post.Body)!["event"]!);
            }

            return events;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
