using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Emulation;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// A serve run named by hand (<c>serve --once --run-id</c>) and its wait for servers another runner holds, as
/// <c>fleet backup</c> does it (issue 20): with no wait (<c>--lease-wait 0</c>) a server still held is reported failed,
/// "not backed up: runner Z did not finish"; once Z finished it, a later runner of the same run reports it taken, "backed up by runner Z".
/// </summary>
public sealed class ServeRunIdAndLeaseWaitTests : INeedsPostgres
{
    private const string Run = "nightly-2026-12-03";

    [CatalogFact]
    public async Task A_server_another_runner_holds_is_not_backed_up_without_a_wait_and_taken_once_that_runner_finished()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 2);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var held = site.Fleet.Ilos[0].Identity.ServerSerial;
        await using var other = await BackupRepository.OpenAsync(site.Repository, new BackupRepositoryOptions { TimeProvider = time, Runner = "site-z", SharedWriter = true }, default);
        var z = PostgresLeases.For(other, Run, "site-z", TimeSpan.FromMinutes(2))!;
        Assert.True((await z.TryTakeAsync(held, default)).IsMine);

        var a = await Runner(site, new ServeRunnerIdentity("site-a") { LeaseWait = TimeSpan.Zero }, time).TryStart("once", null, Run, default)!;
        Assert.Equal((Run, "site-a", 3), (a.RunId, a.Runner, a.ExitCode));
        var notBackedUp = a.Hosts.Single(h => string.Equals(h.Serial, held, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("failed", notBackedUp.Status);
        Assert.StartsWith("not backed up: runner site-z did not finish", notBackedUp.Reason, StringComparison.Ordinal);
        var mine = a.Hosts.Single(h => h != notBackedUp);
        Assert.Equal(("succeeded", "site-a"), (mine.Status, mine.Runner));

        await z.FinishAsync(held, succeeded: true, backupId: null, default);
        var b = await Runner(site, new ServeRunnerIdentity("site-b"), time).TryStart("once", null, Run, default)!;
        Assert.Equal((Run, 0, 0), (b.RunId, b.Succeeded, b.ExitCode));
        Assert.All(b.Hosts, h => Assert.Equal("taken", h.Status));
        Assert.Equal("backed up by runner site-z", b.Hosts.Single(h => string.Equals(h.Serial, held, StringComparison.OrdinalIgnoreCase)).Note);
        Assert.Equal($"backed up by runner site-a (backup {mine.BackupId})", b.Hosts.Single(h => h.Host == mine.Host).Note);

        var rows = await site.RowsAsync();
        Assert.Equal((Run, "site-a", mine.BackupId), (rows.Single().RunId, rows.Single().Runner, (long?)rows.Single().Id)); // no failure row for "not backed up"
    }

    private static FleetRunCoordinator Runner(ServeRunnerTestSite site, ServeRunnerIdentity identity, TimeProvider time)
    {
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
        });
        var hosts = Path.Combine(site.Folder, "hosts.txt");
        var executor = new RepositoryFleetRun(
            site.Repository, ct => InventoryLoader.LoadAsync(hosts, ct), connector,
            new FleetRunnerOptions { Concurrency = 2, MaxRetries = 0, HostDeadline = TimeSpan.FromSeconds(30) }, time, identity);
        var records = Directory.CreateDirectory(Path.Combine(site.Folder, "runner-" + identity.Name)).FullName;
        return new FleetRunCoordinator(executor, RunStore.Open(records), [], time, NullLogger.Instance);
    }
}
