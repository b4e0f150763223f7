using IloBackup.Engine.Metadata;
using IloBackup.Redfish.Downloads;

namespace IloBackup.Engine.Backup;

/// <summary>
/// Where a backup goes: a folder (<see cref="FolderSink"/>) or a repository
/// (<see cref="Repository.RepositorySink"/>). The download streams into it, hashed once as the bytes
/// pass; <see cref="CommitAsync"/> renames it once into place with its metadata.
/// </summary>
public abstract class BackupSink : DownloadSink
{
    /// <summary>
    /// Called once the backup's name is known (from the verified identity), before a byte is
    /// downloaded; returns the file name to record. May refuse (e.g. the file exists).
    /// </summary>
    public abstract string Prepare(string fileName);

    /// <summary>
    /// Puts the received, checked file where it belongs, with <paramref name="metadata"/>, durably.
    /// Short: the caller does not cancel it halfway. Returns where the file now is.
    /// </summary>
    public abstract Task<string> CommitAsync(BackupMetadata metadata, CancellationToken cancellationToken);
}
