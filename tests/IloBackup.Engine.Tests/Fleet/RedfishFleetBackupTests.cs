using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Tests.Repository;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Engine.Tests.Fleet;

/// <summary>The fleet through the real Redfish client against emulated iLOs on loopback sockets.</summary>
public sealed class RedfishFleetBackupTests : IAsyncLifetime
{
    private readonly RepositoryFixture _fx = new();
    private readonly int[] _logins = new int[3];
    private readonly int[] _logouts = new int[3];
    private EmulatorFleet _fleet = null!;
    private IDisposable? _sessionCounts;

    public async Task InitializeAsync()
    {
        _fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = 3, BackupRestore = o.BackupRestore with { BackupPaddingBytes = 10_000 } });
        _sessionCounts = _fleet.Overrides.Add(
            (c, _) => c.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions", StringComparison.OrdinalIgnoreCase),
            async (context, ilo, next) =>
            {
                await next(context);
                if (HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status201Created)
                {
                    Interlocked.Increment(ref _logins[ilo.Index]);
                }
                else if (HttpMethods.IsDelete(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    Interlocked.Increment(ref _logouts[ilo.Index]);
                }
            });
    }

    public async Task DisposeAsync()
    {
        _sessionCounts?.Dispose();
        await _fleet.DisposeAsync();
        _fx.Dispose();
    }

    [Fact]
    public async Task Backs_up_reachable_ilos_records_failures_and_logs_out_of_every_session()
    {
        var yaml = $"""
            defaults:
              user: {TestIlo.AdminUser}
              password-env: FAKE_PW
            hosts:
              - host: {_fleet[0].BaseUrl}
              - host: {_fleet[1].BaseUrl}
              - host: {_fleet[2].BaseUrl}
                password-env: WRONG_PW
              - host: http://127.0.0.1:1
            """;
        var inventory = InventoryLoader.Parse(yaml, "fleet.yaml", InventoryFormat.Yaml, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Client = new RedfishClientOptions { MaxRetries = 0 },
            Environment = name => name switch { "FAKE_PW" => TestIlo.AdminPassword, "WRONG_PW" => "not-the-password", _ => null },
        });
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 4, MaxRetries = 1, RetryDelay = TimeSpan.Zero });
        await using var repo = await _fx.OpenAsync();

        var report = await new FleetBackupJob(repo, connector, runner, new FleetBackupOptions()).RunAsync(inventory.Hosts, null, default);

        Assert.Equal([HostStatus.Succeeded, HostStatus.Succeeded, HostStatus.Failed, HostStatus.Failed], report.Outcomes.Select(o => o.Status));
        Assert.DoesNotContain("not-the-password", report.Outcomes[2].Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Outcomes[2].Attempts);
        var serial = _fleet[0].Identity.ServerSerial;
        var entry = (await repo.FindNewestGoodAsync(serial, null, default))!;
        Assert.Equal(("iLO 5", "2.78"), (entry.Identity.IloGeneration, entry.Identity.FirmwareVersion));
        Assert.NotNull(entry.Snapshot);
        Assert.StartsWith($"HPE_{serial}_", entry.FileName, StringComparison.Ordinal);
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
        Assert.Equal(2, (await repo.HistoryAsync(null, default)).Count(e => e.Outcome == BackupOutcome.Failed));
        foreach (var ilo in _fleet.Ilos)
        {
            Assert.Equal(_logins[ilo.Index], _logouts[ilo.Index]);
            Assert.Equal(0, ilo.Sessions.Count);
        }
    }

    [Fact]
    public async Task Custom_backup_is_enabled_through_the_client()
    {
        var inventory = InventoryLoader.Parse(
            string.Join('\n', _fleet.Ilos.Select(i => i.BaseUrl.ToString())), "hosts.txt", InventoryFormat.HostList, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
        });
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 2 });

        var report = await new FleetCustomBackupJob(connector, runner, enable: true).RunAsync(inventory.Hosts, null, default);

        Assert.Equal(0, report.ExitCode);
        Assert.All(_fleet.Ilos, i => Assert.True(BackupRestoreFeature.Of(i).CustomBackupAndRestore));
        Assert.All(_fleet.Ilos, i => Assert.Equal(_logins[i.Index], _logouts[i.Index]));
    }
}
