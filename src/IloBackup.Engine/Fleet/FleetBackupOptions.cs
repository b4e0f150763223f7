namespace IloBackup.Engine.Fleet;

public sealed class FleetBackupOptions
{
    /// <summary>Back up only servers never backed up or whose newest good backup predates their firmware.</summary>
    public bool StaleOnly { get; init; }

    /// <summary>Also record failed attempts in the catalog (with their reason).</summary>
    public bool RecordFailures { get; init; } = true;
}
