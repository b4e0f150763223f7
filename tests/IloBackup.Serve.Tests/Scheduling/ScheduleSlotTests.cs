using IloBackup.Engine.Fleet;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Scheduling;

/// <summary>
/// Which slot a scheduled run belongs to (issue 20: runners on one schedule agree on the run id): the planned time it
/// waited for, or for a catch-up run after downtime the newest planned time missed; a run by hand has none.
/// </summary>
public sealed class ScheduleSlotTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("serve-slot-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Dispose();
        Directory.Delete(_repo, recursive: true);
    }

    [Fact]
    public async Task A_catch_up_run_takes_the_newest_missed_slot_and_a_planned_run_its_planned_time()
    {
        var executor = new RequestRecorder(_time);
        var runs = new FleetRunCoordinator(executor, RunStore.Open(_repo), [], _time, NullLogger.Instance);
        var lastRun = new DateTimeOffset(2026, 12, 2, 2, 0, 5, TimeSpan.Zero); // then down for three days
        var loop = new ScheduleLoop(BackupSchedule.Parse("0 2 * * *", null, TimeSpan.Zero), runs, _ => Task.FromResult<DateTimeOffset?>(lastRun), _time, NullLogger.Instance);
        var waiting = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Waiting += planned => waiting.TrySetResult(planned);
        var task = loop.RunAsync(_stop.Token);

        var planned = await waiting.Task;
        Assert.Equal([new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero)], executor.Requests.Select(r => r.Slot));
        Assert.Equal("slot-2026-12-05T02:00Z", executor.Requests[0].RunId("a"));

        _time.Advance(planned - _time.GetUtcNow());
        await executor.Second.Task;
        Assert.Equal(planned, executor.Requests[1].Slot);
        Assert.Equal("schedule", executor.Requests[1].Trigger);

        await runs.WaitIdleAsync();
        await runs.TryStart("user vera", _stop.Token)!;
        Assert.Null(executor.Requests[2].Slot);
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    private sealed class RequestRecorder(TimeProvider time) : IFleetRunExecutor
    {
        public List<FleetRunRequest> Requests { get; } = [];
        public TaskCompletionSource Second { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken) => throw new InvalidOperationException("the request is passed");

        public Task<FleetReport> RunAsync(FleetRunRequest request, IProgress<FleetProgress> progress, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
                if (Requests.Count == 2)
                {
                    Second.TrySetResult();
                }
            }

            return Task.FromResult(new FleetReport([], time.GetUtcNow(), TimeSpan.Zero));
        }
    }
}
