using IloBackup.Engine.Fleet.Leases;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Fleet.Runners;

/// <summary>Leases keyed by (serial, run) in the PostgreSQL catalog (issue 20): taking, expiry and renewal on the fake clock.</summary>
public sealed class RunLeaseTests : INeedsPostgres
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [CatalogFact]
    public async Task A_held_lease_is_refused_to_another_runner_until_it_expires_then_taken_over()
    {
        await using var catalog = await OpenAsync();
        var a = Leases(catalog, "A");
        var b = Leases(catalog, "B");

        Assert.True((await a.TryTakeAsync("mxq1", default)).IsMine);
        var refused = await b.TryTakeAsync("MXQ1", default); // serials match whatever their case
        Assert.Equal(LeaseState.Running, refused.State);
        Assert.Equal("A", refused.Runner);

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(LeaseState.Running, (await b.TryTakeAsync("MXQ1", default)).State);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LeaseState.Expired, (await b.LookAsync("MXQ1", default))!.State);
        var taken = await b.TryTakeAsync("MXQ1", default);
        Assert.Equal((true, "A"), (taken.IsMine, taken.TakenOverFrom));

        // A comes back too late: its finish changes nothing, B's lease stands until B finishes it.
        await a.FinishAsync("MXQ1", succeeded: true, backupId: 7, default);
        Assert.Equal(LeaseState.Running, (await a.LookAsync("MXQ1", default))!.State);
        await b.FinishAsync("MXQ1", succeeded: true, backupId: 8, default);
        var done = await a.TryTakeAsync("MXQ1", default);
        Assert.Equal((LeaseState.Succeeded, "B", 8L), (done.State, done.Runner, done.BackupId));
    }

    [CatalogFact]
    public async Task Renewal_keeps_a_lease_past_its_first_expiry_and_a_runner_that_stops_renewing_loses_it()
    {
        await using var catalog = await OpenAsync();
        var a = Leases(catalog, "A");
        var b = Leases(catalog, "B");
        Assert.True((await a.TryTakeAsync("S1", default)).IsMine);

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Lease / 2);
            await a.RenewAsync(default);
            Assert.Equal(LeaseState.Running, (await b.TryTakeAsync("S1", default)).State);
        }

        _time.Advance(Lease); // A died: no renewal
        Assert.True((await b.TryTakeAsync("S1", default)).IsMine);
        _time.Advance(Lease / 2);
        await a.RenewAsync(default); // a late renewal does not take back what B holds
        Assert.Equal("B", (await a.LookAsync("S1", default))!.Runner);
    }

    [CatalogFact]
    public async Task Leases_are_per_run_and_a_finished_lease_is_never_taken_again_in_that_run()
    {
        await using var catalog = await OpenAsync();
        var a = Leases(catalog, "A");
        Assert.True((await a.TryTakeAsync("S1", default)).IsMine);
        await a.FinishAsync("S1", succeeded: false, backupId: null, default);
        _time.Advance(Lease * 3);

        Assert.Equal(LeaseState.Failed, (await Leases(catalog, "B").TryTakeAsync("S1", default)).State);
        Assert.True((await Leases(catalog, "B", "run-2").TryTakeAsync("S1", default)).IsMine);
    }

    [CatalogFact]
    public async Task Only_one_of_many_runners_racing_for_each_lease_gets_it()
    {
        await using var catalog = await OpenAsync();
        var runners = Enumerable.Range(0, 6).Select(i => Leases(catalog, $"R{i}")).ToArray();
        var serials = Enumerable.Range(0, 40).Select(i => $"SER{i:00}").ToArray();

        var claims = await Task.WhenAll(runners.SelectMany(r => serials.Select(s => Task.Run(async () => (s, await r.TryTakeAsync(s, default))))));

        foreach (var group in claims.GroupBy(c => c.s))
        {
            Assert.Single(group, c => c.Item2.IsMine);
            var holder = group.Single(c => c.Item2.IsMine).Item2.Runner;
            Assert.All(group.Where(c => !c.Item2.IsMine), c => Assert.Equal(holder, c.Item2.Runner));
        }
    }

    [CatalogFact]
    public async Task Renewing_writes_the_heartbeat_and_a_runner_is_silent_after_twice_its_interval()
    {
        await using var catalog = await OpenAsync();
        var a = new PostgresLeases(catalog.Source, "R1", "site-a", Lease, _time, TimeSpan.FromHours(1));
        await a.RenewAsync(default);
        await catalog.BeatAsync("site-b", null, null, _time.GetUtcNow(), default);

        var runners = await catalog.RunnersAsync(default);
        Assert.Equal(["site-a", "site-b"], runners.Select(r => r.Runner));
        Assert.Equal(("R1", TimeSpan.FromHours(1), _time.GetUtcNow()), (runners[0].CurrentRun, runners[0].Interval, runners[0].LastSeen));
        Assert.False(runners[0].IsSilent(_time.GetUtcNow() + TimeSpan.FromHours(2)));
        Assert.True(runners[0].IsSilent(_time.GetUtcNow() + TimeSpan.FromHours(2.1)));
        Assert.False(runners[1].IsSilent(_time.GetUtcNow() + TimeSpan.FromHours(25)));
        Assert.True(runners[1].IsSilent(_time.GetUtcNow() + RunnerHeartbeat.DefaultSilence + TimeSpan.FromMinutes(1)));
    }

    private PostgresLeases Leases(PostgresBackupCatalog catalog, string runner, string run = "run-1") =>
        new(catalog.Source, run, runner, Lease, _time, null);

    private static async Task<PostgresBackupCatalog> OpenAsync()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        return await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: false));
    }
}
