using IloBackup.Serve.Runs;
using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Scheduling;

/// <summary>
/// Starts a run at every planned time of the schedule. On start it works out the last run from the catalog (the newest
/// attempt) and the service's own runs: if a planned time passed since then (the service was down), one run starts at
/// once; otherwise it waits for the next planned time. All waiting is on the given <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ScheduleLoop(
    BackupSchedule schedule,
    FleetRunCoordinator coordinator,
    Func<CancellationToken, Task<DateTimeOffset?>> lastCatalogAttempt,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Longest single wait: the plan is worked out again after it (clock changes, very sparse schedules).</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    /// <summary>The planned time being waited for (null before the first plan or when the schedule never fires again).</summary>
    public DateTimeOffset? Next { get; private set; }

    /// <summary>
    /// Raised once the wait for a planned time is armed on the clock (tests wait on it, then move their fake clock):
    /// the planned time and the moment the wait ends.
    /// </summary>
    public event Action<DateTimeOffset>? Waiting;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = await LastRunAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (last is { } previous && schedule.MissedBetween(previous, now))
        {
            Log.CatchUp(logger, previous);
            last = await RunOnceAsync(LastMissed(previous, now), cancellationToken).ConfigureAwait(false) ?? now;
        }

        var after = last is { } l && l > now ? l : now;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (schedule.NextAfter(after) is not { } planned)
            {
                Next = null;
                Log.NeverAgain(logger, schedule.Text);
                return;
            }

            Next = planned;
            Log.Waiting(logger, planned);
            while (timeProvider.GetUtcNow() < planned)
            {
                var wait = planned - timeProvider.GetUtcNow();
                var delay = Task.Delay(wait < MaxWait ? wait : MaxWait, timeProvider, cancellationToken);
                Waiting?.Invoke(planned);
                await delay.ConfigureAwait(false);
            }

            await RunOnceAsync(planned, cancellationToken).ConfigureAwait(false);
            after = planned;
        }
    }

    /// <summary>The start of a run, or null when another run was under way (the planned run is then skipped).</summary>
    private async Task<DateTimeOffset?> RunOnceAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var started = coordinator.TryStart("schedule", schedule.SlotOf(slot), cancellationToken);
        if (started is null)
        {
            Log.Busy(logger);
            return null;
        }

        return (await started.ConfigureAwait(false)).StartedAt;
    }

    /// <summary>The newest planned time between the last run and now: a catch-up run takes its slot (so does every runner catching up).</summary>
    private DateTimeOffset LastMissed(DateTimeOffset previous, DateTimeOffset now)
    {
        var slot = schedule.NextAfter(previous) ?? now;
        for (var i = 0; i < 100_000 && schedule.NextAfter(slot) is { } next && next <= now; i++)
        {
            slot = next;
        }

        return slot;
    }

    private async Task<DateTimeOffset?> LastRunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? fromCatalog;
        try
        {
            fromCatalog = await lastCatalogAttempt(cancellationToken).ConfigureAwait(false);
        }
        catch (IloBackup.Engine.Repository.RepositoryException ex)
        {
            // A catalog that cannot be read (damaged, lost) must not stop the service: plan from the run records; the page shows the problem.
            Log.CatalogUnreadable(logger, ex.Message);
            fromCatalog = null;
        }

        var fromRuns = coordinator.Store.Newest()?.StartedAt;
        return fromCatalog is null ? fromRuns : fromRuns is null ? fromCatalog : fromCatalog > fromRuns ? fromCatalog : fromRuns;
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "next run at {Planned:u}")]
        public static partial void Waiting(ILogger logger, DateTimeOffset planned);

        [LoggerMessage(11, LogLevel.Information, "a planned run was missed since the last one at {Last:u}: running now")]
        public static partial void CatchUp(ILogger logger, DateTimeOffset last);

        [LoggerMessage(12, LogLevel.Warning, "a planned run was skipped: another run was under way")]
        public static partial void Busy(ILogger logger);

        [LoggerMessage(13, LogLevel.Warning, "the schedule '{Schedule}' has no further run")]
        public static partial void NeverAgain(ILogger logger, string schedule);

        [LoggerMessage(14, LogLevel.Warning, "the catalog could not be read to find the last run ({Message}): planning from the service's own runs")]
        public static partial void CatalogUnreadable(ILogger logger, string message);
    }
}
