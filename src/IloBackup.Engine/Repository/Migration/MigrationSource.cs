namespace IloBackup.Engine.Repository.Migration;

/// <summary>
/// The source of a migration, opened so that nothing of it is written: a SQLite catalog is copied (with its
/// write-ahead log) into a private scratch folder and only the copy is opened, so SQLite makes no side file
/// (<c>-shm</c>, <c>-wal</c>) beside the original; its writer's lock file, when there is one, is held (opened,
/// never created or written) for the whole migration, so no backup or prune changes the source meanwhile. A
/// PostgreSQL catalog is read as it is (read-only open; stop writers first). Objects and records are only read.
/// </summary>
internal sealed class MigrationSource : IAsyncDisposable
{
    private readonly FileStream? _lock;
    private readonly string _scratch;

    private MigrationSource(BackupRepository repository, FileStream? held, string scratch)
    {
        Repository = repository;
        _lock = held;
        _scratch = scratch;
    }

    public BackupRepository Repository { get; }

    public static async Task<MigrationSource> OpenAsync(MigrationEnds ends, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(ends.Path) && !Directory.Exists(ends.Path))
        {
            throw new RepositoryException($"no repository at {ends.Path}");
        }

        var scratch = Directory.CreateTempSubdirectory("ilobackup-migrate-").FullName;
        FileStream? held = null;
        try
        {
            Func<string, bool, IBackupCatalog>? catalog = null;
            if (ends.SqliteCatalog is { } live)
            {
                if (!File.Exists(live))
                {
                    throw new RepositoryException($"no repository at {ends.Path}: its catalog {live} does not exist");
                }

                held = HoldWriterLock(ends);
                var copy = Path.Combine(scratch, BackupRepository.CatalogFileName);
                CatalogFile.CopyForReading(live, copy); // with a killed writer's log or journal, undone on the copy

                catalog = (_, _) => SqliteBackupCatalog.Open(copy, readOnly: false); // the private copy, never the source's file
            }

            var options = new BackupRepositoryOptions { ReadOnly = true, TimeProvider = time, CatalogFactory = catalog };
            var repository = await BackupRepository.OpenAsync(ends.Path, options, cancellationToken).ConfigureAwait(false);
            return new MigrationSource(repository, held, scratch);
        }
        catch
        {
            held?.Dispose();
            ObjectStore.DeleteDirectory(scratch);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Repository.DisposeAsync().ConfigureAwait(false);
        _lock?.Dispose();
        ObjectStore.DeleteDirectory(_scratch);
    }

    /// <summary>Holds the source's lock file when it has one (opened for reading: not created, not written); refuses while a writer runs.</summary>
    private static FileStream? HoldWriterLock(MigrationEnds ends)
    {
        var path = Path.Combine(ends.LockFolder!, RepositoryLock.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException)
        {
            throw new RepositoryException(
                $"{RepositoryLock.Holder(ends.LockFolder!)} is writing to the source {ends.Path}: migrate when it has finished (a migration reads a quiet repository)");
        }
    }
}
