using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Redfish;
using IloBackup.Redfish.Tls;
using IloBackup.Serve.Notifications;
using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Emulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Serve.Tests.Notifications;

/// <summary>
/// Notifications from real runs over an emulated fleet (two iLOs and an address where nothing answers): a failed
/// backup, a changed configuration with its diff, a suspect backup after a battery failure, and each run's summary, to a
/// webhook receiver on Kestrel that checks the signature, and by mail to aiosmtpd.
/// </summary>
public sealed class NotificationRunTests : IAsyncDisposable
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("run-hook-secret");
    private readonly string _directory = Directory.CreateTempSubdirectory("serve-notify-").FullName;
    private EmulatorFleet? _fleet;

    [Fact]
    public async Task Runs_send_failed_changed_suspect_and_summary_events_to_a_signed_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.ServiceUnavailable);
        var webhook = new WebhookChannel(receiver.Url, Secret, new WebhookRetry(3, TimeSpan.Zero, TimeSpan.FromSeconds(30)), TimeProvider.System);
        var (coordinator, dispatcher) = await StartAsync([new NotificationRoute(webhook, Enum.GetValues<NotificationKind>().ToHashSet())], TimeSpan.Zero);
        await using var _ = dispatcher;

        await coordinator.TryStart("schedule", default)!;
        var first = await ReceiveAsync(receiver, 2);
        Assert.Equal(["backup-failed", "run-finished"], first.Select(j => (string)j["event"]!));
        Assert.Equal("http://127.0.0.1:1", (string?)first[0]["details"]!["host"]);
        Assert.Contains("1 failed of 3", (string?)first[1]["text"], StringComparison.Ordinal);

        _fleet![0].UpdateConfiguration(c => c with { Time = c.Time with { NtpServers = ["ntp9.example.net"] } });
        _fleet[1].SimulateBatteryFailure(TimeSpan.Zero);
        await coordinator.TryStart("schedule", default)!;
        var second = await ReceiveAsync(receiver, 5);

        var events = second.Select(j => (string)j["event"]!).ToList();
        Assert.Contains("backup-failed", events);
        Assert.Equal("run-finished", events[^1]);
        var suspect = Assert.Single(second, j => (string?)j["event"] == "suspect-backup");
        Assert.Equal(_fleet[1].Identity.ServerSerial, (string?)suspect["details"]!["serial"]);
        Assert.Contains("factory defaults", (string?)suspect["text"], StringComparison.Ordinal);
        var change = Assert.Single(second, j => (string?)j["event"] == "configuration-changed" && (string?)j["details"]!["serial"] == _fleet[0].Identity.ServerSerial);
        Assert.Contains("ntp9.example.net", (string?)change["text"], StringComparison.Ordinal);
        Assert.Matches(@"(?mi)^[~+] \$\S*ntp\S*: .*ntp9\.example\.net", (string)change["text"]!); // as `ilobackup diff` prints it
        Assert.Contains(change["details"]!["differences"]!.AsArray(), d => ((string?)d!["after"])?.Contains("ntp9", StringComparison.Ordinal) == true);
        Assert.Contains("1 suspect", (string?)second[^1]["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_chosen_events_go_out_and_a_noisy_kind_is_throttled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = new WebhookChannel(receiver.Url, Secret, new WebhookRetry(1, TimeSpan.Zero, TimeSpan.FromSeconds(30)), TimeProvider.System);
        var (coordinator, dispatcher) = await StartAsync(
            [new NotificationRoute(webhook, new HashSet<NotificationKind> { NotificationKind.BackupFailed, NotificationKind.RunFinished })], TimeSpan.FromHours(1));
        await using var _ = dispatcher;
        var handled = new List<(string Kind, bool Sent)>();
        dispatcher.Handled += (n, sent) => { lock (handled) { handled.Add((Notification.Name(n.Kind), sent)); } };

        await coordinator.TryStart("schedule", default)!;
        await coordinator.TryStart("schedule", default)!;
        var received = await ReceiveAsync(receiver, 2);
        await TestSupport.Polling.UntilAsync(() => { lock (handled) { return handled.Count == 4; } }, "four notifications handled");

        Assert.Equal(["backup-failed", "run-finished"], received.Select(j => (string)j["event"]!));
        lock (handled)
        {
            Assert.Equal([("backup-failed", true), ("run-finished", true), ("backup-failed", false), ("run-finished", false)], handled);
        }

        Assert.Equal(2, receiver.Posts);
    }

    [SmtpFact]
    public async Task Mail_reaches_an_smtp_server_with_the_diff_of_a_changed_configuration()
    {
        await using var smtp = await SmtpServer.StartAsync(_directory);
        var mail = new EmailChannel(new EmailSettings { Host = "127.0.0.1", Port = smtp.Port, From = "ilobackup@example.com", To = ["ops@example.com", "oncall@example.com"] });
        var (coordinator, dispatcher) = await StartAsync(
            [new NotificationRoute(mail, new HashSet<NotificationKind> { NotificationKind.ConfigurationChanged, NotificationKind.RunFinished })], TimeSpan.Zero);
        await using var _ = dispatcher;

        await coordinator.TryStart("schedule", default)!;
        _fleet![0].UpdateConfiguration(c => c with { Time = c.Time with { NtpServers = ["ntp9.example.net"] } });
        await coordinator.TryStart("schedule", default)!;
        await TestSupport.Polling.UntilAsync(() => smtp.Mails().Count == 3, "three mails", 60_000);

        var mails = smtp.Mails();
        var change = Assert.Single(mails, m => m.Contains("Subject: iLO configuration changed", StringComparison.Ordinal));
        Assert.Contains("To: ops@example.com, oncall@example.com", change, StringComparison.Ordinal);
        Assert.Contains("X-IloBackup-Event: configuration-changed", change, StringComparison.Ordinal);
        Assert.Contains("ntp9.example.net", change, StringComparison.Ordinal);
        Assert.Matches(@"\d+ difference\(s\)", change);
        Assert.Equal(2, mails.Count(m => m.Contains("Subject: iLO backup run", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<List<JsonNode>> ReceiveAsync(WebhookReceiver receiver, int count)
    {
        var result = new List<JsonNode>();
        for (var i = 0; i < count; i++)
        {
            var received = await receiver.NextAsync();
            Assert.Equal(WebhookChannel.Sign(Secret, received.Body), received.Signature);
            result.Add(JsonNode.Parse(received.Body)!);
        }

        return result;
    }

    private async Task<(FleetRunCoordinator Runs, NotificationDispatcher Dispatcher)> StartAsync(IReadOnlyList<NotificationRoute> routes, TimeSpan throttle)
    {
        _fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = 2 });
        foreach (var ilo in _fleet.Ilos)
        {
            ilo.UpdateConfiguration(c => c with
            {
                Network = c.Network with { HostName = $"ilo-n{ilo.Index}" },
                Time = c.Time with { NtpServers = ["ntp1.example.com"] },
            });
        }

        var inventoryPath = Path.Combine(_directory, "fleet.yaml");
        await File.WriteAllTextAsync(inventoryPath, $"""
            defaults:
              user: {TestIlo.AdminUser}
              password-env: NOTIFY_TEST_PW
            hosts:
              - host: {_fleet[0].BaseUrl}
              - host: {_fleet[1].BaseUrl}
              - host: http://127.0.0.1:1
                serial: GONE0001
            """);
        var repository = Path.Combine(_directory, "repo");
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Client = new RedfishClientOptions { MaxRetries = 0 },
            Environment = name => name == "NOTIFY_TEST_PW" ? TestIlo.AdminPassword : null,
        });
        var executor = new RepositoryFleetRun(
            repository, ct => InventoryLoader.LoadAsync(inventoryPath, ct), connector,
            new FleetRunnerOptions { Concurrency = 3, MaxRetries = 0, HostDeadline = TimeSpan.FromSeconds(30) }, TimeProvider.System);
        var dispatcher = new NotificationDispatcher(repository, routes, new NotificationThrottle(throttle, TimeProvider.System), NullLogger.Instance);
        return (new FleetRunCoordinator(executor, RunStore.Open(repository), [dispatcher], TimeProvider.System, NullLogger.Instance), dispatcher);
    }
}
