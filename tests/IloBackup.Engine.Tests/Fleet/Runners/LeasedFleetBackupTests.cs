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
/// A fleet backup with leases against emulated iLOs and a PostgreSQL catalog (issue 20): after its list, a runner waits for
/// the servers other runners hold, takes over a lease that expired, and gives up on one still held when its wait ends.
/// The clock is fake: the test moves it each time the runner pauses.
/// </summary>
public sealed class LeasedFleetBackupTests : INeedsPostgres, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leased-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _paused = new(0);
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
    public async Task A_lease_left_by_a_dead_runner_is_taken_over_once_it_expires()
    {
        await using var repository = await OpenAsync("B");
        var dead = Leases(repository, "A");
        Assert.True((await dead.TryTakeAsync(Serial(0), default)).IsMine);

        var job = RunAsync(repository, Leases(repository, "B"), TimeSpan.FromMinutes(10));
        await _paused.WaitAsync(); // B did its list and waits for A
        _time.Advance(Lease);
        var report = await job;

        Assert.Equal([HostStatus.Succeeded, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.Equal((2, 0, 1), (report.Runner!.LeasesTaken, report.Runner.TakenByOthers, report.Runner.TakenOver));
        Assert.Equal(0, report.ExitCode);
        Assert.All(await RowsAsync(repository), r => Assert.Equal(("B", "R1"), (r.Runner, r.RunId)));
        Assert.Equal(LeaseState.Succeeded, (await dead.LookAsync(Serial(0), default))!.State);
    }

    [CatalogFact]
    public async Task A_server_another_runner_backs_up_is_reported_taken_by_it_and_not_backed_up_twice()
    {
        await using var repository = await OpenAsync("B");
        var a = Leases(repository, "A");
        Assert.True((await a.TryTakeAsync(Serial(0), default)).IsMine);

        var job = RunAsync(repository, Leases(repository, "B"), TimeSpan.FromMinutes(10));
        await _paused.WaitAsync();
        await a.FinishAsync(Serial(0), succeeded: true, backupId: 4242, default);
        _time.Advance(Lease / 4);
        var report = await job;

        Assert.Equal([HostStatus.Taken, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.Equal(("A", "backed up by runner A (backup 4242)"), (report.Outcomes[0].Result!.Runner, report.Outcomes[0].Result!.Message));
        Assert.Equal((0, 1), (report.ExitCode, report.Taken));
        Assert.Equal([Serial(1)], (await RowsAsync(repository)).Select(r => r.Identity.SerialNumber));
    }

    [CatalogFact]
    public async Task A_server_still_held_when_the_wait_ends_is_not_backed_up_and_says_which_runner_did_not_finish()
    {
        await using var repository = await OpenAsync("B");
        var a = Leases(repository, "A");
        Assert.True((await a.TryTakeAsync(Serial(0), default)).IsMine);

        var job = RunAsync(repository, Leases(repository, "B"), TimeSpan.FromMinutes(1));
        while (await Task.WhenAny(job, _paused.WaitAsync()) != job)
        {
            await a.RenewAsync(default); // A is alive and slow
            _time.Advance(Lease / 4);
        }

        var report = await job;
        Assert.Equal([HostStatus.Failed, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.StartsWith("not backed up: runner A did not finish", report.Outcomes[0].Reason, StringComparison.Ordinal);
        Assert.Equal(3, report.ExitCode);
        Assert.Equal([Serial(1)], (await RowsAsync(repository)).Select(r => r.Identity.SerialNumber)); // no failure row: A may yet finish
    }

    private string Serial(int i) => _fleet[i].Identity.ServerSerial;

    private Task<FleetReport> RunAsync(BackupRepository repository, IRunLeases leases, TimeSpan wait)
    {
        var inventory = InventoryLoader.Parse(string.Join('\n', _fleet.Ilos.Select(i => i.BaseUrl.ToString())), "hosts.txt", InventoryFormat.HostList, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
        });
        var options = new FleetBackupOptions { RunId = leases.RunId, Runner = leases.Runner, Leases = leases, LeaseWait = wait, OnLeaseWait = _ => _paused.Release() };
        return Task.Run(() => new FleetBackupJob(repository, connector, new FleetRunner(new FleetRunnerOptions { Concurrency = 2 }), options)
            .RunAsync(inventory.Hosts, null, default));
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

    private static async Task<IReadOnlyList<BackupEntry>> RowsAsync(BackupRepository repository) =>
        await repository.Catalog.ListAsync(new BackupQuery(), default);
}
