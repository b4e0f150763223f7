namespace IloBackup.Engine.Fleet.Leases;

/// <summary>How a lease stands: who holds it, until when, and how it ended once finished.</summary>
public sealed record LeaseClaim(LeaseState State, string Runner, DateTimeOffset ExpiresAt, long? BackupId)
{
    /// <summary>True when this runner now holds the lease.</summary>
    public bool IsMine => State == LeaseState.Mine;

    /// <summary>The runner whose expired lease this runner took over (null: the lease was free or already this runner's).</summary>
    public string? TakenOverFrom { get; init; }
}
