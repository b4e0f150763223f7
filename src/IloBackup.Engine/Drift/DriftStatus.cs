namespace IloBackup.Engine.Drift;

/// <summary>Where a server stands against its baselines.</summary>
public enum DriftStatus
{
    /// <summary>Its newest good backup matches every baseline that applies.</summary>
    Matches,

    /// <summary>Its newest good backup differs from a baseline: see the deviations.</summary>
    Drifted,

    /// <summary>No good backup (only failed or suspect attempts, or none at all): nothing to check, which is not "no drift".</summary>
    NoGoodBackup,

    /// <summary>Its newest good backup holds no readable snapshot (taken with --no-snapshot): nothing to check.</summary>
    NoSnapshot,

    /// <summary>No baseline applies (none of its tags has one and the file has no default).</summary>
    NoBaseline,
}
