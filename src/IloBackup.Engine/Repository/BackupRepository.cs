namespace IloBackup.Engine.Repository;

/// <summary>
/// A backup repository: a directory holding the catalog (<c>catalog.db</c>) and its copy
/// (<c>catalog.backup.db</c>), the objects with their metadata records (<c>objects/</c>) and a scratch
/// area (<c>tmp/</c>). Crash safety comes from ordering: an object is complete and renamed into place,
/// then its record, before its catalog row is committed, so a kill at any moment leaves at worst a
/// stale temporary file (the next writer removes it) or an object nobody refers to (kept: only
/// <c>prune --orphans</c> removes those, past a grace period). One writer at a time holds <c>lock</c>.
/// </summary>
public sealed partial class BackupRepository : IAsyncDisposable
{
    public const string CatalogFileName = "catalog.db";
    internal const string LockFileName = RepositoryLock.FileName;

    private readonly BackupRepositoryOptions _options;
    private readonly IAsyncDisposable? _lock;

    private BackupRepository(string directory, IBackupCatalog catalog, IObjectStore store, IAsyncDisposable? writerLock, BackupRepositoryOptions options)
    {
        Directory = directory;
        Location = directory;
        Catalog = catalog;
        Store = store;
        _lock = writerLock;
        _options = options;
    }

    public string Directory { get; }

    /// <summary>What the user named, for messages: the folder, or the repository file (docs/repository.md).</summary>
    public string Location { get; internal set; }
    public IBackupCatalog Catalog { get; }

    /// <summary>Where the objects and their records are: the folder store (default) or another (<see cref="BackupRepositoryOptions.ObjectStoreFactory"/>).</summary>
    public IObjectStore Store { get; }

    /// <summary>The folder store, when the objects are in this repository's folder (the default); throws otherwise.</summary>
    public ObjectStore Objects => Store as ObjectStore
        ?? throw new InvalidOperationException($"the objects of {Directory} are not in its folder but in {Store.Description}");

    /// <summary>Where downloads are staged before they are stored: <c>tmp/</c> in the repository folder, whatever the store.</summary>
    public string StagingDirectory => Path.Combine(Directory, "tmp");
    public bool IsReadOnly => _options.ReadOnly;

    /// <summary>
    /// The runner rows are labelled with: <see cref="BackupRepositoryOptions.Runner"/>, else on a shared (PostgreSQL) catalog the
    /// host name; a SQLite catalog (one machine) leaves rows unlabelled unless a runner is named.
    /// </summary>
    private string? DefaultRunner => _options.Runner ?? (Catalog is Postgres.PostgresBackupCatalog ? Environment.MachineName : null);
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>
    /// A sink for one backup of <paramref name="host"/>: the only way an object enters the repository
    /// (<see cref="RepositorySink"/>). Dispose it (it discards what was not committed).
    /// </summary>
    /// <param name="host">The iLO's address.</param>
    /// <param name="runId">The run the row belongs to (issue 20); the row's runner is <see cref="BackupRepositoryOptions.Runner"/>.</param>
    public RepositorySink CreateSink(string host, string? runId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        EnsureWritable();
        return new RepositorySink(this, host) { RunId = runId };
    }

    /// <summary>The stored object's metadata record (durable), then its catalog row.</summary>
    internal async Task<BackupEntry> RecordAsync(NewBackupEntry entry, StoredObject stored, CancellationToken cancellationToken)
    {
        EnsureWritable();
        if (_options.AfterObjectStored is { } hook)
        {
            await hook(stored, cancellationToken).ConfigureAwait(false);
        }

        // The id first: the record names it, so a catalog rebuilt from the records gives the backup the id it was shown under.
        var id = await Catalog.ReserveIdAsync(cancellationToken).ConfigureAwait(false);
        var complete = entry with { Id = id, Sha256 = stored.Sha256, Size = stored.Size, Runner = entry.Runner ?? DefaultRunner };
        var recordId = await ObjectRecord.WriteAsync(Store, complete, cancellationToken).ConfigureAwait(false);
        return await Catalog.AddAsync(complete with { RecordId = recordId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a failed attempt and its reason (no file).</summary>
    public Task<BackupEntry> AddFailureAsync(NewBackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureWritable();
        if (entry.Outcome != BackupOutcome.Failed || string.IsNullOrWhiteSpace(entry.FailureReason))
        {
            throw new ArgumentException("a failed attempt needs the outcome Failed and a reason", nameof(entry));
        }

        return Catalog.AddAsync(entry with { Sha256 = null, Size = null, Runner = entry.Runner ?? DefaultRunner }, cancellationToken);
    }

    /// <summary>The newest entry of a server the catalog calls good (succeeded, not suspect); its file is not checked here (see <see cref="GoodBackup"/>).</summary>
    public Task<BackupEntry?> FindNewestGoodAsync(string serial, DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        Catalog.FindNewestGoodAsync(serial, atOrBefore, cancellationToken);

    public Task<IReadOnlyList<BackupEntry>> HistoryAsync(string? serial, CancellationToken cancellationToken) =>
        Catalog.ListAsync(new BackupQuery { Serial = serial }, cancellationToken);

    public Task<BackupEntry?> GetAsync(long id, CancellationToken cancellationToken) => Catalog.GetAsync(id, cancellationToken);

    /// <summary>Opens the backup file of a good entry of a folder store (<see cref="Objects"/>), checking that it is still on disk.</summary>
    public FileStream OpenBackup(BackupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfFailed(entry);
        return Objects.Exists(entry.Sha256!) ? Objects.OpenRead(entry.Sha256!)
            : throw new RepositoryException($"the file of entry {entry.Id} (object {entry.Sha256}) is missing: run verify");
    }

    /// <summary>Opens the backup file of a good entry for streaming, on any store, checking that it is still stored.</summary>
    public async Task<Stream> OpenBackupAsync(BackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfFailed(entry);
        return await Store.OpenReadAsync(Store.NameOf(entry.Sha256!), cancellationToken).ConfigureAwait(false)
            ?? throw new RepositoryException($"the file of entry {entry.Id} (object {entry.Sha256}) is missing: run verify");
    }

    /// <summary>Re-hashes every object and reports mismatches, missing and unreferenced objects (changes nothing).</summary>
    public Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken) =>
        RepositoryMaintenance.VerifyAsync(this, cancellationToken);

    /// <summary>
    /// Verifies the repository in <paramref name="directory"/> without writing to it (not even SQLite's side
    /// files: the catalog is checked on a private copy). Refuses a lost catalog like every verb.
    /// </summary>
    public static Task<VerifyReport> VerifyDirectoryAsync(string directory, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (File.Exists(directory))
        {
            return Descriptor.DescriptorRepository.VerifyAsync(directory, timeProvider ?? TimeProvider.System, cancellationToken);
        }

        return OfflineVerify.RunAsync(directory, timeProvider ?? TimeProvider.System, cancellationToken);
    }

    /// <summary>
    /// Applies a retention policy; never removes a server's newest good backup (<see cref="GoodBackup"/>, its file
    /// re-hashed first). A writing prune ends by saving the catalog copy.
    /// </summary>
    public async Task<PruneReport> PruneAsync(PrunePolicy policy, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun)
        {
            EnsureWritable();
        }

        var report = await RetentionPrune.RunAsync(this, policy, dryRun, cancellationToken).ConfigureAwait(false);
        if (!dryRun)
        {
            await SaveCatalogCopyAsync(cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// Saves <c>catalog.backup.db</c> (SQLite online backup, checked, durable): how every writing run ends.
    /// Refuses to replace the copy with a damaged catalog. Nothing to do for a catalog other than the embedded one.
    /// </summary>
    public Task SaveCatalogCopyAsync(CancellationToken cancellationToken)
    {
        EnsureWritable();
        return Catalog is SqliteBackupCatalog sqlite ? CatalogCopy.SaveAsync(sqlite, Directory, cancellationToken) : Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Catalog.DisposeAsync().ConfigureAwait(false);
        (Store as IDisposable)?.Dispose();
        if (_lock is not null)
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void ThrowIfFailed(BackupEntry entry)
    {
        if (!entry.IsGood)
        {
            throw new RepositoryException($"entry {entry.Id} is a failed attempt: it has no backup file");
        }
    }

    private void EnsureWritable()
    {
        if (_options.ReadOnly)
        {
            throw new InvalidOperationException("the repository was opened read-only");
        }
    }
}
