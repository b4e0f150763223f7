namespace IloBackup.Engine.Repository;

/// <summary>What prune removed (or, in a dry run, would remove).</summary>
public sealed record PruneReport(
    IReadOnlyList<BackupEntry> RemovedEntries, int KeptEntries, int RemovedObjects, long FreedBytes, bool DryRun);
