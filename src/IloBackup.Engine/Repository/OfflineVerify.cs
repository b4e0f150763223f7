namespace IloBackup.Engine.Repository;

/// <summary>
/// <c>ilobackup verify</c> on a repository folder, proven not to write to it, and taking no lock (issue 15: it runs
/// beside a fleet run). When no writer holds the lock, the catalog and its write-ahead log are copied (holding
/// the lock for the copy only: the lock file is opened, never created or written) into a private scratch folder,
/// and SQLite opens only that copy. While a writer runs, SQLite's online backup reads a consistent snapshot of
/// the live catalog through a read-only connection (which shares the writer's WAL index, as every reader does).
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
            var quiet = TryHoldWriterLock(directory, out var held);
            using (held)
            {
                if (quiet)
                {
                    CatalogFile.CopyForReading(live, copy);
                }
                else
                {
                    try
                    {
                        CopyBesideWriter(live, copy);
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException ex)
                    {
                        return Unreadable(directory, ex.Message);
                    }
                }
            }

            await CatalogGuard.ThrowIfLostAsync(directory, copy, new ObjectStore(directory), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Holds the writer's lock while copying when it is free (no writer can start); the lock file is opened, never
    /// created or written. False when a writer holds it.
    /// </summary>
    private static bool TryHoldWriterLock(string directory, out FileStream? held)
    {
        held = null;
        var path = Path.Combine(directory, BackupRepository.LockFileName);
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            held = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A writer is running: a consistent copy through SQLite's online backup (a reader, like history).</summary>
    private static void CopyBesideWriter(string live, string copy)
    {
        if (!File.Exists(live))
        {
            return;
        }

        using var source = CatalogFile.Connect(live, readOnly: true);
        using var target = CatalogFile.Connect(copy, readOnly: false);
        source.BackupDatabase(target);
    }
}
