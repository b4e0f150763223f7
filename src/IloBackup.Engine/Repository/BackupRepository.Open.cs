namespace IloBackup.Engine.Repository;

/// <summary>Opening a repository: a folder (catalog, lock, store) or a repository file (<see cref="Descriptor.DescriptorRepository"/>).</summary>
public sealed partial class BackupRepository
{
    /// <summary>
    /// A shared writer (several runners, PostgreSQL) removes only staged files older than this when it opens: another process
    /// on the machine may be downloading into the same staging folder. Far longer than any backup's deadline.
    /// </summary>
    public static readonly TimeSpan SharedStagingAge = TimeSpan.FromDays(1);

    /// <summary>
    /// Opens (for writing, creating it if needed) the repository in <paramref name="directory"/>. A writer
    /// takes the lock, refuses a catalog SQLite finds damaged, and removes the temporary files an interrupted
    /// run left in <c>tmp/</c>. Everyone refuses a lost catalog beside backup files (<see cref="CatalogGuard"/>).
    /// </summary>
    public static async Task<BackupRepository> OpenAsync(
        string directory, BackupRepositoryOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new BackupRepositoryOptions();
        directory = Path.GetFullPath(directory);
        if (File.Exists(directory))
        {
            return await Descriptor.DescriptorRepository.OpenAsync(directory, options, cancellationToken).ConfigureAwait(false);
        }

        var catalogPath = Path.Combine(directory, CatalogFileName);
        var store = options.ObjectStoreFactory is { } makeStore ? makeStore(directory) : new ObjectStore(directory);
        try
        {
            return await OpenAsync(directory, catalogPath, store, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            (store as IDisposable)?.Dispose();
            throw;
        }
    }

    private static async Task<BackupRepository> OpenAsync(
        string directory, string catalogPath, IObjectStore store, BackupRepositoryOptions options, CancellationToken cancellationToken)
    {
        IAsyncDisposable? writerLock = null;
        if (options.ReadOnly)
        {
            if (options.CatalogFactory is null && !System.IO.Directory.Exists(directory))
            {
                throw new RepositoryException($"no repository at {directory} (a fleet backup creates one)");
            }
        }
        else
        {
            if (!options.CreateIfMissing && options.CatalogFactory is null && !File.Exists(catalogPath))
            {
                // Only verbs that store backups make a repository: a typo in --repo creates nothing (issue 15).
                if (System.IO.Directory.Exists(directory))
                {
                    await CatalogGuard.ThrowIfLostAsync(directory, catalogPath, store, cancellationToken).ConfigureAwait(false);
                }

                throw new RepositoryException($"no repository at {directory} (a fleet backup creates one)");
            }

            System.IO.Directory.CreateDirectory(directory);
            writerLock = options.WriterLockFactory is { } takeLock
                ? await takeLock(directory, options, cancellationToken).ConfigureAwait(false)
                : await RepositoryLock.TakeAsync(directory, options.TimeProvider, options.LockWait, options.OnLockWait, cancellationToken)
                    .ConfigureAwait(false);
        }

        IBackupCatalog? catalog = null;
        try
        {
            if (options.CatalogFactory is null)
            {
                await CatalogGuard.ThrowIfLostAsync(directory, catalogPath, store, cancellationToken).ConfigureAwait(false);
                if (options.ReadOnly && !File.Exists(catalogPath))
                {
                    throw new RepositoryException($"no repository at {directory} (a fleet backup creates one)");
                }
            }

            if (!options.ReadOnly)
            {
                if (store is ObjectStore)
                {
                    System.IO.Directory.CreateDirectory(Path.Combine(directory, "objects"));
                }

                ObjectStore.CreateOwnerOnlyDirectory(Path.Combine(directory, "tmp"));
            }

            catalog = options.CatalogFactory is { } factory ? factory(directory, options.ReadOnly) : OpenSqlite(directory, catalogPath, options.ReadOnly);
            var repository = new BackupRepository(directory, catalog, store, writerLock, options);
            if (!options.ReadOnly)
            {
                if (catalog is SqliteBackupCatalog sqlite
                    && await sqlite.CheckAsync(full: false, cancellationToken).ConfigureAwait(false) is { Count: > 0 } problems)
                {
                    throw new RepositoryException(
                        $"the catalog of {directory} is damaged (SQLite: {problems[0]}): refusing to write to it; {CatalogGuard.WaysOut(directory)}");
                }

                if (options.SharedWriter && options.WriterLockFactory is not null)
                {
                    // Other writers on this machine may share this staging folder (one repository file, two runners): only
                    // what is far older than any backup in flight is left over from a crash.
                    ObjectStore.RemoveTemporaryFiles(repository.StagingDirectory, options.TimeProvider.GetUtcNow() - SharedStagingAge);
                }
                else
                {
                    ObjectStore.RemoveTemporaryFiles(repository.StagingDirectory);
                }
            }

            return repository;
        }
        catch
        {
            if (catalog is not null)
            {
                await catalog.DisposeAsync().ConfigureAwait(false);
            }

            if (writerLock is not null)
            {
                await writerLock.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static SqliteBackupCatalog OpenSqlite(string directory, string catalogPath, bool readOnly)
    {
        try
        {
            return SqliteBackupCatalog.Open(catalogPath, readOnly);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new RepositoryException($"cannot open the catalog of {directory} ({ex.Message}); {CatalogGuard.WaysOut(directory)}", ex);
        }
    }
}
