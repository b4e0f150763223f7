using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>The one outcome of one iLO in a fleet run.</summary>
public sealed record HostOutcome
{
    public required InventoryHost Host { get; init; }
    public required HostStatus Status { get; init; }

    /// <summary>Why it failed (one line, no secrets); null on success.</summary>
    public string? Reason { get; init; }

    public int Attempts { get; init; }
    public TimeSpan Duration { get; init; }

    /// <summary>What the work reported (null when it failed).</summary>
    public HostResult? Result { get; init; }
}
