namespace IloBackup.Serve.Runs;

/// <summary>
/// Who this service is among the runners sharing a catalog (issue 20): its name, recorded with each backup, how long its
/// leases last and how long a run waits for servers other runners hold, and its schedule's interval (heartbeats: a
/// runner silent for twice that is flagged).
/// </summary>
public sealed record ServeRunnerIdentity(string Name)
{
    /// <summary>The default of <see cref="Lease"/> (<c>serve --lease</c>, <c>serve.lease</c>).</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    /// <summary>The shortest lease <c>serve</c> accepts: a lease is renewed every third of it, which a busy machine must keep up with.</summary>
    public static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(10);

    /// <summary>How long a server's lease lasts unless renewed (PostgreSQL catalogs only).</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>
    /// How long a run waits, once its own list is done, for servers other runners hold (<c>--lease-wait</c>); null: the
    /// per-iLO deadline plus <see cref="Lease"/>, as <c>fleet backup</c>.
    /// </summary>
    public TimeSpan? LeaseWait { get; init; }

    /// <summary>The time between two planned runs, when the schedule is regular enough to say; null otherwise.</summary>
    public TimeSpan? ScheduleInterval { get; init; }
}

/// <summary>What starts a run: its trigger and, for a scheduled run, the planned time of its slot.</summary>
public sealed record FleetRunRequest(string Trigger, DateTimeOffset? Slot, DateTimeOffset StartedAt)
{
    /// <summary>A run id given by hand (<c>serve --once --run-id ID</c>): it wins over the slot.</summary>
    public string? GivenRunId { get; init; }

    /// <summary>
    /// The run's id, shared by every runner of one schedule: the id given by hand, else <c>slot-2026-12-03T02:00Z</c> for the
    /// planned time of a scheduled run (UTC, to the minute), else a fresh one (<c>manual-RUNNER-20261203T101500123Z</c>)
    /// for a run started by hand.
    /// </summary>
    public string RunId(string runner) => GivenRunId ?? (Slot is { } slot
        ? "slot-" + slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : "manual-" + runner + "-" + StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
