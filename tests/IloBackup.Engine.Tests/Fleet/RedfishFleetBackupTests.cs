using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Tests.Repository;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.FakeIlo;

namespace IloBackup.Engine.Tests.Fleet;

/// <summary>The fleet through the real Redfish client against fake iLOs on loopback sockets.</summary>
public sealed class RedfishFleetBackupTests : IAsyncLifetime
{
    private readonly RepositoryFixture _fx = new();
    private readonly List<FakeIlo> _ilos = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            var ilo = await FakeIlo.StartKestrelAsync(null);
            ilo.Serial = $"MXQ00000{i}";
            ilo.BackupPadding = 10_000;
            _ilos.Add(ilo);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var ilo in _ilos)
        {
            await ilo.DisposeAsync();
        }

        _fx.Dispose();
    }

    [Fact]
    public async Task Backs_up_reachable_ilos_records_failures_and_logs_out_of_every_session()
    {
        var yaml = $"""
            defaults:
              user: {FakeIloCredentials.AdminUser}
              password-env: FAKE_PW
            hosts:
              - host: {_ilos[0].BaseAddress}
              - host: {_ilos[1].BaseAddress}
              - host: {_ilos[2].BaseAddress}
                password-env: WRONG_PW
              - host: http://127.0.0.1:1
            """;
        var inventory = InventoryLoader.Parse(yaml, "fleet.yaml", InventoryFormat.Yaml, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Client = new RedfishClientOptions { MaxRetries = 0 },
            Environment = name => name switch { "FAKE_PW" => FakeIloCredentials.AdminPassword, "WRONG_PW" => "not-the-password", _ => null },
        });
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 4, MaxRetries = 1, RetryDelay = TimeSpan.Zero });
        await using var repo = await _fx.OpenAsync();

        var report = await new FleetBackupJob(repo, connector, runner, new FleetBackupOptions()).RunAsync(inventory.Hosts, null, default);

        Assert.Equal([HostStatus.Succeeded, HostStatus.Succeeded, HostStatus.Failed, HostStatus.Failed], report.Outcomes.Select(o => o.Status));
        Assert.DoesNotContain("not-the-password", report.Outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Outcomes[2].Attempts);
        var entry = (await repo.FindNewestGoodAsync("MXQ000000", null, default))!;
        Assert.Equal(("iLO 5", "2.78"), (entry.Identity.IloGeneration, entry.Identity.FirmwareVersion));
        Assert.NotNull(entry.Snapshot);
        Assert.StartsWith("HPE_MXQ000000_", entry.FileName, StringComparison.Ordinal);
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
        Assert.Equal(2, (await repo.HistoryAsync(null, default)).Count(e => e.Outcome == BackupOutcome.Failed));
        foreach (var ilo in _ilos)
        {
            Assert.Equal(ilo.Logins, ilo.Logouts);
            Assert.Empty(ilo.Sessions);
        }
    }

    [Fact]
    public async Task Custom_backup_is_enabled_through_the_client()
    {
        var inventory = InventoryLoader.Parse(
            string.Join('\n', _ilos.Select(i => i.BaseAddress.ToString())), "hosts.txt", InventoryFormat.HostList, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(FakeIloCredentials.AdminUser, FakeIloCredentials.AdminPassword),
        });
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 2 });

        var report = await new FleetCustomBackupJob(connector, runner, enable: true).RunAsync(inventory.Hosts, null, default);

        Assert.Equal(0, report.ExitCode);
        Assert.All(_ilos, i => Assert.True(i.CustomBackupandRestore));
        Assert.All(_ilos, i => Assert.Equal(i.Logins, i.Logouts));
    }
}
