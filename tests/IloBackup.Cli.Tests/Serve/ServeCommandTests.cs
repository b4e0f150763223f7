using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Serve.Access;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.Serve;

/// <summary><c>ilobackup serve</c> through the CLI: one run (<c>--once</c>), users and tokens, a real TLS socket, usage errors.</summary>
public sealed partial class ServeCommandTests : IAsyncLifetime
{
    private EmulatedFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await EmulatedFleet.StartAsync(2);

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Once_backs_up_the_fleet_records_the_run_and_exits_with_the_fleets_code()
    {
        var (code, output, error) = await CliRun.RunAsync("serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--once");

        Assert.True(code == 0, error);
        Assert.Contains("run 1: 2 ok, 0 skipped, 0 failed of 2", output, StringComparison.Ordinal);
        foreach (var ilo in _fleet.Fleet.Ilos)
        {
            Assert.Contains(ilo.Identity.ServerSerial + "\tsucceeded", output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(_fleet.Repository, "serve", "runs", "run-000001.json")));

        var withDeadHost = Path.Combine(_fleet.Directory, "with-dead.yaml");
        await File.WriteAllTextAsync(withDeadHost, await File.ReadAllTextAsync(_fleet.Inventory) + "  - host: http://127.0.0.1:1\n");
        var (partial, partialOut, partialErr) = await CliRun.RunAsync("serve", "--repo", _fleet.Repository, "--inventory", withDeadHost, "--once", "--retries", "0");

        Assert.Equal(ExitCodes.Partial, partial);
        Assert.Contains("run 2: 2 ok, 0 skipped, 1 failed of 3", partialOut, StringComparison.Ordinal);
        Assert.Contains("error: serve --once: 1 of 3 iLOs failed", partialErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_add_keeps_only_a_pbkdf2_hash_and_token_add_prints_a_token_once()
    {
        var users = Path.Combine(_fleet.Directory, "users");
        var (code, output, error) = await CliRun.RunAsync("correct-horse-battery\n", CancellationToken.None, "serve", "user", "add", "alice", "--role", "operator", "--users", users, "--password-stdin");

        Assert.True(code == 0, error);
        Assert.Contains("user alice (operator) saved", output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(users);
        Assert.DoesNotContain("correct-horse-battery", text, StringComparison.Ordinal);
        var alice = UsersFile.Load(users).FindUser("alice")!;
        Assert.Equal(Role.Operator, alice.Role);
        Assert.True(PasswordHash.Verify("correct-horse-battery", alice.Secret));
        Assert.StartsWith("pbkdf2-sha256$600000$", alice.Secret, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(users));
        }

        var (tokenCode, token, _) = await CliRun.RunAsync("serve", "token", "add", "prometheus", "--role", "viewer", "--users", users);
        Assert.Equal(0, tokenCode);
        Assert.Equal(Role.Viewer, UsersFile.Load(users).FindToken(token.Trim())!.Role);
        Assert.DoesNotContain(token.Trim(), await File.ReadAllTextAsync(users), StringComparison.Ordinal);
        Assert.NotNull(UsersFile.Load(users).FindUser("alice"));
    }

    [Theory]
    [InlineData("short\n", "--role", "operator", "at least 12 characters")]
    [InlineData("long-enough-password\n", "--role", "admin", "not viewer or operator")]
    public async Task User_add_refuses_weak_passwords_and_unknown_roles(string stdin, string option, string role, string expected)
    {
        var users = Path.Combine(_fleet.Directory, "users");
        var (code, _, error) = await CliRun.RunAsync(stdin, CancellationToken.None, "serve", "user", "add", "bob", option, role, "--users", users, "--password-stdin");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(File.Exists(users));
    }

    [Theory]
    [InlineData("--schedule", "0 2 * *", "--schedule: the schedule '0 2 * *' is not a cron expression")]
    [InlineData("--time-zone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'")]
    [InlineData("--listen", "localhost", "--listen: 'localhost' is not ADDRESS:PORT")]
    [InlineData("--jitter", "soon", "--jitter: 'soon'")]
    public async Task Bad_settings_are_usage_errors_before_anything_starts(string option, string value, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync("serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_fleet.Repository));
    }

    [Fact]
    public async Task Plain_http_is_refused_off_loopback()
    {
        var (code, _, error) = await CliRun.RunAsync("serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--no-tls", "--listen", "0.0.0.0:8080");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("only allowed on a loopback address", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_listens_over_tls_with_its_self_signed_certificate_and_stops_cleanly()
    {
        using var output = new LockedWriter();
        using var error = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var console = new CliConsole(output, error, new StringReader(string.Empty), isInteractive: false);
        var serve = CliApp.RunAsync(["serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--listen", "127.0.0.1:0"], console, stop.Token);

        await Polling.UntilAsync(() => output.ToString().Contains("serve: certificate", StringComparison.Ordinal) || serve.IsCompleted, "serve to listen", 60_000);
        Assert.False(serve.IsCompleted, error.ToString());
        var url = ListeningOn().Match(output.ToString()).Groups[1].Value;
        var fingerprint = Fingerprint().Match(output.ToString()).Groups[1].Value;
        string? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                seen = "SHA256:" + string.Join(':', SHA256.HashData(certificate!.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
                return seen == fingerprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(fingerprint, seen);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        // The scheduler says when it runs next on its own time: wait for the line, never a time.
        await Polling.UntilAsync(() => error.ToString().Contains("next run at", StringComparison.Ordinal) || serve.IsCompleted, "the next run to be planned", 60_000);
        Assert.Contains("nobody can sign in yet", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("next run at", error.ToString(), StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await serve);
        Assert.Contains("serve: stopped", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"serve: listening on (https://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"serve: certificate (SHA256:[0-9A-F:]+)")]
    private static partial Regex Fingerprint();
}
