namespace IloBackup.Serve.Runs;

/// <summary>
/// Who this service is among the runners sharing a catalog (issue 20): its name, recorded with each backup, how long its
/// leases last, and its schedule's interval (heartbeats: a runner silent for twice that is flagged).
/// </summary>
public sealed record ServeRunnerIdentity(string Name)
{
    /// <summary>How long a server's lease lasts unless renewed (PostgreSQL catalogs only).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The time between two planned runs, when the schedule is regular enough to say; null otherwise.</summary>
    public TimeSpan? ScheduleInterval { get; init; }
}

/// <summary>What starts a run: its trigger and, for a scheduled run, the planned time of its slot.</summary>
public sealed record FleetRunRequest(string Trigger, DateTimeOffset? Slot, DateTimeOffset StartedAt)
{
    /// <summary>
    /// The run's id, shared by every runner of one schedule: <c>slot-2026-12-03T02:00Z</c> for the planned time of a scheduled
    /// run (UTC, to the minute), else a fresh one (<c>manual-RUNNER-20261203T101500123Z</c>) for a run started by hand.
    /// </summary>
    public string RunId(string runner) => Slot is { } slot
        ? "slot-" + slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : "manual-" + runner + "-" + StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
