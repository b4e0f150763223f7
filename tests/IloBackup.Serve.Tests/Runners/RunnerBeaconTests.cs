using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>An idle serve beats every <see cref="RunnerBeacon.Period"/> on its clock; on a SQLite folder it keeps none.</summary>
public sealed class RunnerBeaconTests : INeedsPostgres
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [CatalogFact]
    public async Task An_idle_runner_beats_every_period_on_the_fake_clock()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 1);
        var time = new FakeTimeProvider(Start);
        var beacon = new RunnerBeacon(site.Repository, new ServeRunnerIdentity("site-c") { ScheduleInterval = TimeSpan.FromHours(1) }, time);
        using var stop = new CancellationTokenSource();
        var waits = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        beacon.Waiting += () => waits.Writer.TryWrite(true);
        var runs = site.Runner("site-c", time);
        await runs.TryStart("schedule", Start, default)!; // a catalog's tables are made by its first writer
        var loop = beacon.RunAsync(runs, null, stop.Token);

        await waits.Reader.ReadAsync();
        Assert.Equal((Start, (string?)null), (await beacon.RunnersAsync(default))!.Select(r => (r.LastSeen, r.CurrentRun)).Single());
        time.Advance(beacon.Period - TimeSpan.FromSeconds(1));
        Assert.Equal(Start, (await beacon.RunnersAsync(default))!.Single().LastSeen);
        time.Advance(TimeSpan.FromSeconds(1));
        await waits.Reader.ReadAsync();
        Assert.Equal(Start + beacon.Period, (await beacon.RunnersAsync(default))!.Single().LastSeen);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
    }

    [Fact]
    public async Task A_repository_folder_keeps_no_heartbeats_and_lists_no_runners()
    {
        var folder = Directory.CreateTempSubdirectory("serve-beacon-").FullName;
        try
        {
            var beacon = new RunnerBeacon(folder, new ServeRunnerIdentity("solo"), TimeProvider.System);
            var runs = new FleetRunCoordinator(new NoRuns(), RunStore.Open(folder), [], TimeProvider.System, NullLogger.Instance);
            await beacon.RunAsync(runs, _ => Assert.Fail("no problem expected"), default); // returns at once
            Assert.Null(await beacon.RunnersAsync(default));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class NoRuns : IFleetRunExecutor
    {
        public Task<IloBackup.Engine.Fleet.FleetReport> RunAsync(IProgress<IloBackup.Engine.Fleet.FleetProgress> progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no runs here");
    }
}
