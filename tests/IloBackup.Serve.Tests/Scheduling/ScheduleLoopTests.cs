using IloBackup.Serve.Runs;
using IloBackup.Serve.Scheduling;
using IloBackup.Serve.Tests.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Scheduling;

/// <summary>The schedule on a fake clock: runs start at planned times, a missed run is made up once, one run at a time.</summary>
public sealed class ScheduleLoopTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly string _repo = Directory.CreateTempSubdirectory("serve-schedule-").FullName;
    private readonly FakeTimeProvider _time = new(Noon);
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Dispose();
        Directory.Delete(_repo, recursive: true);
    }

    private (ScheduleLoop Loop, FleetRunCoordinator Runs, ScriptedExecutor Executor, Func<Task<DateTimeOffset>> NextWait) Create(
        DateTimeOffset? lastAttempt, Func<CancellationToken, Task<DateTimeOffset?>>? catalog = null)
    {
        var executor = new ScriptedExecutor(_time);
        var coordinator = new FleetRunCoordinator(executor, RunStore.Open(_repo), [], _time, NullLogger.Instance);
        var loop = new ScheduleLoop(
            BackupSchedule.Parse("0 2 * * *", null, TimeSpan.Zero), coordinator, catalog ?? (_ => Task.FromResult(lastAttempt)), _time, NullLogger.Instance);
        var waits = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();
        // A wait longer than ScheduleLoop.MaxWait is re-armed for the same planned time, announced again:
        // each planned time is passed on once, so a test's next wait is the next planned time.
        DateTimeOffset? announced = null;
        loop.Waiting += planned =>
        {
            if (planned != announced)
            {
                announced = planned;
                waits.Writer.TryWrite(planned);
            }
        };
        return (loop, coordinator, executor, () => waits.Reader.ReadAsync().AsTask());
    }

    [Fact]
    public async Task Runs_start_at_each_planned_time_and_not_before()
    {
        var (loop, runs, executor, nextWait) = Create(lastAttempt: null);
        var loopTask = loop.RunAsync(_stop.Token);

        var planned = await nextWait();
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), planned);
        _time.Advance(planned - _time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(0, executor.Runs);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await executor.NextStart);
        Assert.Equal(planned, executor.StartTimes[0]);

        var second = await nextWait();
        Assert.Equal(planned.AddDays(1), second);
        await runs.WaitIdleAsync();
        var record = Assert.Single(runs.Store.List());
        Assert.Equal(("schedule", RunState.Finished, 1), (record.Trigger, record.State, record.Succeeded));

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }

    [Fact]
    public async Task A_run_missed_while_down_is_made_up_once_at_start()
    {
        var (loop, _, executor, nextWait) = Create(lastAttempt: Noon.AddDays(-3));
        var loopTask = loop.RunAsync(_stop.Token);

        Assert.Equal(1, await executor.NextStart);
        Assert.Equal(Noon, executor.StartTimes[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), await nextWait());
        Assert.Equal(1, executor.Runs);

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }

    [Fact]
    public async Task After_a_restart_without_a_missed_run_it_waits_for_the_next_planned_time()
    {
        var (loop, _, executor, nextWait) = Create(lastAttempt: new DateTimeOffset(2026, 3, 10, 2, 0, 4, TimeSpan.Zero));
        var loopTask = loop.RunAsync(_stop.Token);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), await nextWait());
        Assert.Equal(0, executor.Runs);

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }

    [Fact]
    public async Task The_services_own_run_record_counts_as_the_last_run_when_the_catalog_has_none()
    {
        var store = RunStore.Open(_repo);
        await store.SaveAsync(new RunRecord { Id = 7, Trigger = "schedule", StartedAt = Noon.AddHours(-9.5), State = RunState.Failed, Error = "locked" }, true, default);
        var (loop, _, executor, nextWait) = Create(lastAttempt: null);
        var loopTask = loop.RunAsync(_stop.Token);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), await nextWait());
        Assert.Equal(0, executor.Runs);

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }

    [Fact]
    public async Task A_planned_time_during_another_run_is_skipped_and_only_one_run_goes_at_a_time()
    {
        var (loop, runs, executor, nextWait) = Create(lastAttempt: null);
        executor.HoldRuns = true;
        var manual = runs.TryStart("user alice", _stop.Token);
        Assert.NotNull(manual);
        Assert.Equal(1, await executor.NextStart);
        Assert.Null(runs.TryStart("user bob", _stop.Token));
        var loopTask = loop.RunAsync(_stop.Token);

        var planned = await nextWait();
        _time.Advance(planned - _time.GetUtcNow());
        Assert.Equal(planned.AddDays(1), await nextWait());
        Assert.Equal(1, executor.Runs);

        executor.Release();
        var record = await manual;
        Assert.Equal(("user alice", RunState.Finished), (record.Trigger, record.State));
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }

    [Fact]
    public async Task An_unreadable_catalog_does_not_stop_the_schedule()
    {
        var (loop, _, executor, nextWait) = Create(null, _ => throw new IloBackup.Engine.Repository.RepositoryException("the catalog is damaged"));
        var loopTask = loop.RunAsync(_stop.Token);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero), await nextWait());
        Assert.Equal(0, executor.Runs);

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loopTask);
    }
}
