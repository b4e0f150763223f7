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
    /// A reader's copy of a catalog whose write-ahead log a killed writer left unrecovered: the database and its WAL are
    /// copied into a fresh 0700 folder and opened there (recovery happens on the copy; the repository is not written).
    /// The next writer recovers the real one.
    /// </summary>
    private static class PrivateCopy
    {
        public static SqliteBackupCatalog Open(string path)
        {
            var folder = Directory.CreateTempSubdirectory("ilobackup-catalog-").FullName;
            try
            {
                var copy = Path.Combine(folder, Path.GetFileName(path));
                File.Copy(path, copy);
                foreach (var side in new[] { "-wal", "-journal" }) // a log to recover, or a hot journal to roll back
                {
                    if (File.Exists(path + side))
                    {
                        File.Copy(path + side, copy + side);
                    }
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
    }
}
