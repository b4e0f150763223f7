namespace IloBackup.Engine.Fleet.Leases;

/// <summary>
/// Leases of one run for one runner (issue 20): each server is backed up once per run even when several runners list it.
/// A lease is keyed by (serial, run), held until it expires unless renewed; a finished lease says how it ended.
/// </summary>
public interface IRunLeases
{
    /// <summary>This runner's name (rows and leases carry it).</summary>
    string Runner { get; }

    /// <summary>The run the leases belong to (<c>--run-id</c>, or serve's schedule slot).</summary>
    string RunId { get; }

    /// <summary>How long a lease lasts without renewal; renewed every third of it while this runner works.</summary>
    TimeSpan Duration { get; }

    /// <summary>Time spent waiting on the catalog for leases (contention), summed over this runner's calls.</summary>
    TimeSpan WaitTime { get; }

    /// <summary>Takes the lease of a server if it is free, expired, or already this runner's; otherwise says who holds it and how it stands.</summary>
    Task<LeaseClaim> TryTakeAsync(string serial, CancellationToken cancellationToken);

    /// <summary>How the lease of a server stands, without taking it (null: nobody took it).</summary>
    Task<LeaseClaim?> LookAsync(string serial, CancellationToken cancellationToken);

    /// <summary>Extends every unfinished lease this runner holds in this run, and writes its heartbeat.</summary>
    Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gives back this runner's unfinished lease of a server, as if it had never been taken: another runner may take it at once.
    /// For a lease taken on the inventory's word (the serial it lists) for a server that turned out to be another, or that
    /// could not be reached: this runner never backed that server up, and must not stop another runner from doing so.
    /// </summary>
    Task ReleaseAsync(string serial, CancellationToken cancellationToken);

    /// <summary>Marks this runner's lease of a server finished (with the backup's id when it succeeded).</summary>
    Task FinishAsync(string serial, bool succeeded, long? backupId, CancellationToken cancellationToken);
}
