namespace IloBackup.Engine.Repository;

public sealed class BackupRepositoryOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Open without the writer's lock and without cleaning up; nothing is changed.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Makes the catalog (given the repository directory and whether read-only). Default: the SQLite
    /// catalog in <c>catalog.db</c>. This is where a shared server-side catalog plugs in.
    /// </summary>
    public Func<string, bool, IBackupCatalog>? CatalogFactory { get; init; }

    /// <summary>Test fault hook: runs after an object is stored and before its catalog row is written.</summary>
    internal Func<StoredObject, CancellationToken, Task>? AfterObjectStored { get; init; }
}
