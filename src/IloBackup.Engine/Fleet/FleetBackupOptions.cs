namespace IloBackup.Engine.Fleet;

public sealed class FleetBackupOptions
{
    /// <summary>Back up only servers never backed up or whose newest good backup predates their firmware.</summary>
    public bool StaleOnly { get; init; }

    /// <summary>Also record failed attempts in the catalog (with their reason).</summary>
    public bool RecordFailures { get; init; } = true;

    /// <summary>This runner's name, for the report (the rows take theirs from the repository's options); null: not named.</summary>
    public string? Runner { get; init; }

    /// <summary>The run the rows belong to (<c>--run-id</c>, serve's schedule slot); null: none named.</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// Leases of the run on a shared catalog (<see cref="Repository.Postgres.PostgresLeases.For"/>): each server is backed up once
    /// per run by whichever runner takes its lease. Null: no leases (a SQLite catalog, or no run named).
    /// </summary>
    public Leases.IRunLeases? Leases { get; init; }

    /// <summary>How long a runner that finished its list waits for the leases other runners hold (default: twice a lease's duration).</summary>
    public TimeSpan? LeaseWait { get; init; }

    /// <summary>Told, before each pause of the wait, how many servers other runners still hold (progress; tests move their clock on it).</summary>
    public Action<int>? OnLeaseWait { get; init; }
}
