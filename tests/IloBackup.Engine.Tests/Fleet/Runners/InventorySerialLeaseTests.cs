using System.Net;
using System.Net.Sockets;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Fleet.Leases;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Fleet.Runners;

/// <summary>
/// Leases taken on the serial an inventory lists (issue 20): a server another runner holds is left without logging in to
/// it, and a wrong serial in an inventory never hides a server nor keeps a lease from the runner that can back it up.
/// </summary>
public sealed class InventorySerialLeaseTests : INeedsPostgres, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inventory-serial-" + Guid.NewGuid().ToString("N"));
    private EmulatorFleet _fleet = null!;
    private PostgresCatalogAddress _address = null!;

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    public async Task InitializeAsync()
    {
        _fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = 2 });
        _address = PostgresServer.Shared is null ? null! : PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [CatalogFact]
    public async Task A_server_another_runner_backed_up_is_left_without_logging_in_to_it()
    {
        await using var a = await OpenAsync("A");
        var first = await RunAsync(a, "A", [(0, Serial(0))]);
        Assert.Equal(HostStatus.Succeeded, first.Outcomes[0].Status);

        var logins = 0;
        using var counting = _fleet.Overrides.Add(0, "POST", "/redfish/v1/SessionService/Sessions", (context, _, next) =>
        {
            Interlocked.Increment(ref logins);
            return next(context);
        });
        await using var b = await OpenAsync("B");
        var report = await RunAsync(b, "B", [(0, Serial(0)), (1, Serial(1))]);

        Assert.Equal([HostStatus.Taken, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.Equal($"backed up by runner A (backup {first.Outcomes[0].Result!.BackupId})", report.Outcomes[0].Result!.Message);
        Assert.Equal(0, logins);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(Sorted((Serial(0), "A"), (Serial(1), "B")), await RunRowsAsync(b));
    }

    [CatalogFact]
    public async Task A_wrong_serial_in_an_inventory_does_not_hide_the_server_behind_another_runners_backup()
    {
        await using var a = await OpenAsync("A");
        Assert.Equal(HostStatus.Succeeded, (await RunAsync(a, "A", [(0, Serial(0))])).Outcomes[0].Status);

        // B's inventory says iLO 1 is server 0 (a stale inventory): the backup runner A made is of another address.
        await using var b = await OpenAsync("B");
        var report = await RunAsync(b, "B", [(1, Serial(0))]);

        Assert.Equal(HostStatus.Succeeded, report.Outcomes[0].Status);
        Assert.Equal(Serial(1), report.Outcomes[0].Result!.Identity.SerialNumber);
        Assert.Equal(Sorted((Serial(0), "A"), (Serial(1), "B")), await RunRowsAsync(b));
    }

    [CatalogFact]
    public async Task A_lease_taken_on_a_serial_the_ilo_does_not_have_is_given_back()
    {
        await using var b = await OpenAsync("B");
        var report = await RunAsync(b, "B", [(1, "NOT-ITS-SERIAL")]);

        Assert.Equal(HostStatus.Succeeded, report.Outcomes[0].Status);
        Assert.Equal(1, report.Runner!.LeasesTaken);
        var leases = Leases(b, "A");
        Assert.Null(await leases.LookAsync("NOT-ITS-SERIAL", default));
        Assert.Equal((LeaseState.Succeeded, "B"), ((await leases.LookAsync(Serial(1), default))!.State, (await leases.LookAsync(Serial(1), default))!.Runner));
        Assert.Equal([(Serial(1), "B")], await RunRowsAsync(b));
    }

    [CatalogFact]
    public async Task A_server_this_runner_cannot_reach_is_left_to_a_runner_that_can()
    {
        await using var b = await OpenAsync("B");
        var report = await RunAsync(b, "B", [(-1, Serial(0))]);
        Assert.Equal(HostStatus.Failed, report.Outcomes[0].Status);
        Assert.Null(await Leases(b, "A").LookAsync(Serial(0), default)); // not "B took it and failed"

        await using var a = await OpenAsync("A");
        var other = await RunAsync(a, "A", [(0, Serial(0))]);
        Assert.Equal(HostStatus.Succeeded, other.Outcomes[0].Status);
        Assert.Contains((Serial(0), "A"), await RunRowsAsync(a));
    }

    private string Serial(int i) => _fleet[i].Identity.ServerSerial;

    /// <summary>A fleet backup of run R1 by <paramref name="runner"/> over an inventory of (iLO index, serial listed); index -1 is an address nothing answers.</summary>
    private async Task<FleetReport> RunAsync(BackupRepository repository, string runner, IReadOnlyList<(int Ilo, string Serial)> hosts)
    {
        var lines = hosts.Select(h => $"  - host: {(h.Ilo < 0 ? DeadAddress() : _fleet[h.Ilo].BaseUrl.ToString())}\n    serial: {h.Serial}\n");
        var inventory = InventoryLoader.Parse("hosts:\n" + string.Concat(lines), "fleet.yaml", InventoryFormat.Yaml, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
        });
        var leases = Leases(repository, runner);
        var options = new FleetBackupOptions { RunId = leases.RunId, Runner = runner, Leases = leases, LeaseWait = TimeSpan.FromMinutes(10), RecordFailures = true };
        return await Task.Run(() => new FleetBackupJob(repository, connector, new FleetRunner(new FleetRunnerOptions { Concurrency = 2, MaxRetries = 0 }), options)
            .RunAsync(inventory.Hosts, null, default));
    }

    private static string DeadAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: the connection is refused
        return $"https://127.0.0.1:{port}";
    }

    private IRunLeases Leases(BackupRepository repository, string runner) =>
        new PostgresLeases(((PostgresBackupCatalog)repository.Catalog).Source, "R1", runner, Lease, _time, null);

    private Task<BackupRepository> OpenAsync(string runner) => BackupRepository.OpenAsync(
        _folder,
        new BackupRepositoryOptions
        {
            TimeProvider = _time,
            Runner = runner,
            SharedWriter = true,
            CatalogFactory = (_, readOnly) => PostgresBackupCatalog.Open(_address, readOnly),
            WriterLockFactory = PostgresWriterLock.Factory(_address, runner),
        },
        default);

    private static IReadOnlyList<(string?, string?)> Sorted(params (string?, string?)[] rows) => [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal)];

    private static async Task<IReadOnlyList<(string?, string?)>> RunRowsAsync(BackupRepository repository) =>
        [.. (await repository.Catalog.ListAsync(new BackupQuery(), default))
            .Where(r => r.RunId == "R1" && r.Outcome == BackupOutcome.Succeeded)
            .Select(r => (r.Identity.SerialNumber, r.Runner))
            .OrderBy(r => r.SerialNumber, StringComparer.Ordinal)];
}
