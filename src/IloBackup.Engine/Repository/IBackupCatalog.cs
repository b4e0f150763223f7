namespace IloBackup.Engine.Repository;

/// <summary>
/// The catalog of a repository: which backups exist and what is known about each. The embedded
/// implementation is <see cref="SqliteBackupCatalog"/>; a shared server-side catalog implements the
/// same interface. A catalog never holds a row for an object that is not stored (the repository
/// stores the object first).
/// </summary>
public interface IBackupCatalog : IAsyncDisposable
{
    /// <summary>Records an entry; works out <see cref="BackupEntry.SnapshotUnchanged"/> atomically.</summary>
    Task<BackupEntry> AddAsync(NewBackupEntry entry, CancellationToken cancellationToken);

    Task<BackupEntry?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Entries matching the query, newest first.</summary>
    Task<IReadOnlyList<BackupEntry>> ListAsync(BackupQuery query, CancellationToken cancellationToken);

    /// <summary>The newest good backup of a server, optionally taken at or before a time.</summary>
    Task<BackupEntry?> FindNewestGoodAsync(string serial, DateTimeOffset? atOrBefore, CancellationToken cancellationToken);

    /// <summary>
    /// The fleet overview: each server's newest good backup (succeeded, not suspect), one row per serial number
    /// (matched case-insensitively), ordered by serial. Rows without a serial number are not in it.
    /// </summary>
    Task<IReadOnlyList<BackupEntry>> NewestGoodPerServerAsync(CancellationToken cancellationToken);

    /// <summary>Every object hash some entry refers to.</summary>
    Task<IReadOnlySet<string>> ReferencedObjectsAsync(CancellationToken cancellationToken);

    /// <summary>Removes entries in one transaction; returns how many were removed.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
