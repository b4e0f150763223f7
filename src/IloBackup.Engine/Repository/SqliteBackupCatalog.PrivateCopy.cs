using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

public sealed partial class SqliteBackupCatalog
{
    /// <summary>The database file this catalog reads (its private copy's, for <see cref="IsPrivateCopy"/>).</summary>
    public string FilePath { get; private init; } = string.Empty;

    /// <summary>
    /// A reader of a catalog whose log a killed writer left unrecovered reads a private copy: a snapshot of that moment, which
    /// never sees later writes (a long-lived reader reopens instead of keeping it).
    /// </summary>
    public bool IsPrivateCopy => CopyDirectory is not null;

    /// <summary>
    /// A reader's copy of a catalog that SQLite will not open read-only because a killed writer left something to undo
    /// that only a writer may undo (<c>SQLITE_READONLY</c>: a hot rollback journal to roll back, or a write-ahead log to
    /// recover): the database with its log or journal is copied into a fresh 0700 folder and opened there, so the
    /// recovery happens on the copy and the repository is not written. The copy is made holding the repository's lock
    /// file (opened, never created or written), so no writer starts changing the files halfway through it; when a writer
    /// holds the lock, it has recovered the catalog on opening it, and a read-only open is tried again instead.
    /// </summary>
    private static class PrivateCopy
    {
        public static SqliteBackupCatalog Open(string path)
        {
            var lockPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, RepositoryLock.FileName);
            FileStream? held = null;
            if (File.Exists(lockPath))
            {
                try
                {
                    held = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
                }
                catch (IOException)
                {
                    return OpenBesideWriter(path);
                }
            }

            var folder = Directory.CreateTempSubdirectory("ilobackup-catalog-").FullName;
            try
            {
                var copy = Path.Combine(folder, Path.GetFileName(path));
                using (held)
                {
                    CatalogFile.CopyForReading(path, copy);
                }

                var catalog = OpenAt(copy, readOnlyConnection: false, readOnlySchema: true);
                catalog.CopyDirectory = folder;
                return catalog;
            }
            catch
            {
                ObjectStore.DeleteDirectory(folder);
                throw;
            }
        }

        private static SqliteBackupCatalog OpenBesideWriter(string path)
        {
            try
            {
                return OpenAt(path, readOnlyConnection: true, readOnlySchema: true);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 8)
            {
                throw new RepositoryException(
                    $"the catalog {path} needs recovery (a writer was killed) and another ilobackup holds the repository's lock: try again when it has finished", ex);
            }
        }
    }
}
