namespace IloBackup.Engine.Repository;

public sealed class BackupRepositoryOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Open without the writer's lock and without cleaning up; nothing is changed.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// A writer creates the repository when the folder holds none (default). False: a folder without a catalog is
    /// refused with "no repository at DIR" and nothing is created (verbs that do not store backups, issue 15).
    /// </summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>How long a writer waits for another writer's lock (null: not at all; <see cref="Timeout.InfiniteTimeSpan"/>: until it is free).</summary>
    public TimeSpan? LockWait { get; init; }

    /// <summary>Told once, in words, whom a writer waits for (with <see cref="LockWait"/>).</summary>
    public Action<string>? OnLockWait { get; init; }

    /// <summary>
    /// Makes the catalog (given the repository directory and whether read-only). Default: the SQLite
    /// catalog in <c>catalog.db</c>. This is where a shared server-side catalog plugs in.
    /// </summary>
    public Func<string, bool, IBackupCatalog>? CatalogFactory { get; init; }

    /// <summary>
    /// Makes the object store (given the repository directory). Default: the folder store in <c>objects/</c>
    /// (<see cref="ObjectStore"/>). This is where S3 (<see cref="S3.S3ObjectStore"/>) or an encrypting store plugs in.
    /// </summary>
    public Func<string, IObjectStore>? ObjectStoreFactory { get; init; }

    /// <summary>
    /// Takes the writer's lock (given the repository directory and these options; disposing the result releases it).
    /// Default: the <c>lock</c> file in the directory (<see cref="RepositoryLock"/>). A shared catalog brings its own,
    /// e.g. <see cref="Postgres.PostgresWriterLock.Factory"/>, so writers on several machines exclude each other.
    /// </summary>
    public Func<string, BackupRepositoryOptions, CancellationToken, Task<IAsyncDisposable>>? WriterLockFactory { get; init; }

    /// <summary>Who writes, as a shared catalog's lock records it (default: the host name).</summary>
    public string? Runner { get; init; }

    /// <summary>
    /// A backup writer that may run beside other backup writers (fleet backup, serve): on a PostgreSQL catalog it takes the
    /// writer's lock shared, so several runners write at once and only prune, rebuild and migrate (exclusive) keep them out.
    /// The lock file of a SQLite catalog has no shared mode: there every writer is exclusive, as before.
    /// </summary>
    public bool SharedWriter { get; init; }

    /// <summary>Test fault hook: runs after an object is stored and before its catalog row is written.</summary>
    internal Func<StoredObject, CancellationToken, Task>? AfterObjectStored { get; init; }
}
