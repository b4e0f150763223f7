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

    /// <summary>
    /// The fleet as the dashboard shows it, from a few aggregate reads (no listing of every row): see <see cref="CatalogFleetSummary"/>
    /// and <see cref="CatalogFleet.Servers"/>. One consistent snapshot of the catalog.
    /// </summary>
    Task<CatalogFleetSummary> FleetSummaryAsync(CancellationToken cancellationToken);

    /// <summary>Every object hash some entry refers to.</summary>
    Task<IReadOnlySet<string>> ReferencedObjectsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a row copied from another catalog (<c>repo migrate</c>) under its own id, every field as it is (snapshot
    /// unchanged is kept, not worked out again), and keeps the id sequence ahead of it, so later backups get higher ids.
    /// False when a row with that id is there already (it is left as it is).
    /// </summary>
    Task<bool> ImportAsync(BackupEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Hands out the id of a row about to be recorded, before its metadata record is written (the record names it, so a
    /// rebuilt catalog keeps the id). Never handed out again by this catalog; one reserved but never recorded is a gap.
    /// </summary>
    Task<long> ReserveIdAsync(CancellationToken cancellationToken);

    /// <summary>The highest id this catalog ever handed out (pruned rows included); 0 when none.</summary>
    Task<long> HighestIdAsync(CancellationToken cancellationToken);

    /// <summary>Moves the id sequence up to <paramref name="id"/> (never down): later rows get higher ids.</summary>
    Task ReserveThroughAsync(long id, CancellationToken cancellationToken);

    /// <summary>Removes entries in one transaction; returns how many were removed.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
