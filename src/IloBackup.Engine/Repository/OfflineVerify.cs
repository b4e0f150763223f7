namespace IloBackup.Engine.Repository;

/// <summary>
/// <c>ilobackup verify</c> on a repository folder, proven not to write to it: the catalog and its
/// write-ahead log are copied (under the writer's lock, so no writer changes them meanwhile) into a
/// private scratch folder, and SQLite opens only that copy. SQLite may touch even a read-only
/// database's side files; the repository's own files are never opened for writing.
/// </summary>
internal static class OfflineVerify
{
    public static async Task<VerifyReport> RunAsync(string directory, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new RepositoryException($"no repository at {directory} (a fleet backup creates one)");
        }

        var scratch = Directory.CreateTempSubdirectory("ilobackup-verify-").FullName;
        try
        {
            var live = Path.Combine(directory, BackupRepository.CatalogFileName);
            var copy = Path.Combine(scratch, BackupRepository.CatalogFileName);
            using (HoldWriterLock(directory))
            {
                foreach (var suffix in new[] { string.Empty, "-wal" })
                {
                    if (File.Exists(live + suffix))
                    {
                        File.Copy(live + suffix, copy + suffix);
                    }
                }
            }

            CatalogGuard.ThrowIfLost(directory, copy);
            if (!File.Exists(copy))
            {
                throw new RepositoryException($"no repository at {directory} (a fleet backup creates one)");
            }

            SqliteBackupCatalog catalog;
            try
            {
                catalog = SqliteBackupCatalog.Open(copy, readOnly: false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                return Unreadable(directory, ex.Message);
            }

            var options = new BackupRepositoryOptions { ReadOnly = true, TimeProvider = timeProvider, CatalogFactory = (_, _) => catalog };
            await using var repository = await BackupRepository.OpenAsync(directory, options, cancellationToken).ConfigureAwait(false);
            return await repository.VerifyAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ObjectStore.DeleteDirectory(scratch);
        }
    }

    private static VerifyReport Unreadable(string directory, string error) => new()
    {
        ObjectsChecked = 0,
        Corrupt = [],
        Missing = [],
        OrphanObjects = 0,
        TemporaryFiles = 0,
        CatalogProblems = [$"the catalog of {directory} cannot be opened: {error}"],
    };

    /// <summary>Holds the writer's lock while copying (no writer can start); the lock file is opened, never created or written.</summary>
    private static FileStream? HoldWriterLock(string directory)
    {
        var path = Path.Combine(directory, BackupRepository.LockFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new RepositoryException($"another ilobackup is writing to the repository at {directory}: verify once it has finished", ex);
        }
    }
}
