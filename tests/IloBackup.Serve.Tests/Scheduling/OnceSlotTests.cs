using IloBackup.Engine.Fleet;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Scheduling;

/// <summary>
/// The slot that names a run among runners (issue 20): <c>serve --once</c> takes the newest slot at or before now, so timers
/// on every site firing at the schedule's moment (a few seconds late or not) agree; a scheduled run's slot is the schedule's
/// own time without the jitter, so runners with different jitters agree too.
/// </summary>
public sealed class OnceSlotTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Theory]
    [InlineData("0 2 * * *", null, "2026-12-03T02:00:07Z", "2026-12-03T02:00:00Z")] // a timer a few seconds late
    [InlineData("0 2 * * *", null, "2026-12-03T02:00:00Z", "2026-12-03T02:00:00Z")] // on the dot
    [InlineData("0 2 * * *", null, "2026-12-03T01:59:59Z", "2026-12-02T02:00:00Z")] // before today's: yesterday's
    [InlineData("0 2 * * *", "Europe/Berlin", "2026-12-03T01:30:00Z", "2026-12-03T01:00:00Z")] // 02:00 in Berlin's winter
    [InlineData("0 0 1 1 *", null, "2026-12-03T10:00:00Z", "2026-01-01T00:00:00Z")] // a yearly schedule: months back
    [InlineData("*/15 * * * *", null, "2026-12-03T10:44:59Z", "2026-12-03T10:30:00Z")]
    [InlineData("30 * * * * *", null, "2026-12-03T10:44:29Z", "2026-12-03T10:43:30Z")] // six fields, with seconds
    public void Once_takes_the_newest_slot_at_or_before_now(string cron, string? zone, string now, string slot)
    {
        var schedule = BackupSchedule.Parse(cron, zone, TimeSpan.FromMinutes(10)); // the jitter does not move a slot
        Assert.Equal(DateTimeOffset.Parse(slot, System.Globalization.CultureInfo.InvariantCulture), schedule.NewestSlotAtOrBefore(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_schedule_that_never_fired_in_ten_years_has_no_slot()
    {
        // 30 February never comes.
        Assert.Null(BackupSchedule.Parse("0 0 30 2 *", null, TimeSpan.Zero).NewestSlotAtOrBefore(Utc(12, 3, 10, 0)));
    }

    [Fact]
    public void A_planned_time_s_slot_is_its_occurrence_whatever_the_jitter()
    {
        var after = Utc(12, 3, 3, 0);
        foreach (var jitter in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.FromHours(2) })
        {
            var schedule = BackupSchedule.Parse("0 2 * * *", null, jitter);
            var planned = schedule.NextAfter(after)!.Value;
            Assert.InRange(planned, Utc(12, 4, 2, 0), Utc(12, 4, 2, 0) + jitter);
            Assert.Equal(Utc(12, 4, 2, 0), schedule.SlotOf(planned));
            Assert.Equal("slot-2026-12-04T02:00Z", new FleetRunRequest("schedule", schedule.SlotOf(planned), planned).RunId("a"));
        }

        Assert.NotEqual(Utc(12, 4, 2, 0), BackupSchedule.Parse("0 2 * * *", null, TimeSpan.FromHours(2)).NextAfter(after)); // the jitter did move the run
    }

    [Fact]
    public async Task A_scheduled_run_with_a_jitter_is_named_by_its_slot_not_by_its_jittered_start()
    {
        var time = new FakeTimeProvider(Utc(12, 3, 12, 0));
        var executor = new Recorder();
        var folder = Directory.CreateTempSubdirectory("serve-once-slot-").FullName;
        using var stop = new CancellationTokenSource();
        try
        {
            var runs = new FleetRunCoordinator(executor, RunStore.Open(folder), [], time, NullLogger.Instance);
            var schedule = BackupSchedule.Parse("0 2 * * *", null, TimeSpan.FromHours(2));
            var loop = new ScheduleLoop(schedule, runs, _ => Task.FromResult<DateTimeOffset?>(null), time, NullLogger.Instance);
            var waiting = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            loop.Waiting += planned => waiting.TrySetResult(planned);
            var task = loop.RunAsync(stop.Token);

            var planned = await waiting.Task;
            Assert.NotEqual(Utc(12, 4, 2, 0), planned);
            time.Advance(planned - time.GetUtcNow());
            var request = await executor.First.Task;
            Assert.Equal((Utc(12, 4, 2, 0), "slot-2026-12-04T02:00Z"), (request.Slot, request.RunId("a")));
            await runs.WaitIdleAsync();
            await stop.CancelAsync();
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext); // ends by cancellation, or between two waits
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_run_id_given_by_hand_wins_over_the_slot()
    {
        var request = new FleetRunRequest("once", Utc(12, 4, 2, 0), Utc(12, 4, 2, 1)) { GivenRunId = "nightly-2026-12-04" };
        Assert.Equal("nightly-2026-12-04", request.RunId("a"));
    }

    private sealed class Recorder : IFleetRunExecutor
    {
        public TaskCompletionSource<FleetRunRequest> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken) => throw new InvalidOperationException("the request is passed");

        public Task<FleetReport> RunAsync(FleetRunRequest request, IProgress<FleetProgress> progress, CancellationToken cancellationToken)
        {
            First.TrySetResult(request);
            return Task.FromResult(new FleetReport([], DateTimeOffset.UnixEpoch, TimeSpan.Zero));
        }
    }
}
