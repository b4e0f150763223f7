namespace IloBackup.Engine.Repository;

/// <summary>What prune removed (or, in a dry run, would remove).</summary>
public sealed record PruneReport(
    IReadOnlyList<BackupEntry> RemovedEntries, int KeptEntries, int RemovedObjects, long FreedBytes, bool DryRun)
{
    /// <summary>Servers whose kept backups failed the good-backup check: the run's exit code is 1 when any.</summary>
    public IReadOnlyList<PruneProblem> Problems { get; init; } = [];

    /// <summary>Objects no entry referred to, removed (or that would be) by <see cref="PrunePolicy.RemoveOrphans"/>.</summary>
    public IReadOnlyList<StoredObject> OrphansRemoved { get; init; } = [];

    /// <summary>Orphan objects left because they are younger than the grace period.</summary>
    public int OrphansSpared { get; init; }
}
