using IloBackup.Engine.Backup;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The one way a backup enters a repository (<see cref="BackupRepository.CreateSink"/>): the download is
/// staged in <c>tmp/</c>, hashed as it passes and fsynced; the commit hands it to the object store
/// (<see cref="IObjectStore.PutFileAsync"/>: the folder store renames it once to <c>objects/&lt;aa&gt;/&lt;sha256&gt;</c>,
/// S3 uploads it; identical content is kept once), writes its metadata record (durable), and only then adds the
/// catalog row.
/// </summary>
public sealed class RepositorySink : BackupSink
{
    private readonly BackupRepository _repository;
    private readonly string _host;

    internal RepositorySink(BackupRepository repository, string host)
    {
        _repository = repository;
        _host = host;
    }

    /// <summary>The run the row belongs to (issue 20), or null.</summary>
    public string? RunId { get; init; }

    /// <summary>The catalog entry, once committed.</summary>
    public BackupEntry? Entry { get; private set; }

    /// <summary>
    /// The server's newest good entry before this one (null for a first backup), once committed. The new entry is
    /// judged against it and the server's previous backup (<see cref="SuspectCheck"/>) and may be stored suspect.
    /// </summary>
    public BackupEntry? Previous { get; private set; }

    protected override string StagingDirectory => _repository.StagingDirectory;

    public override string Prepare(string fileName) => fileName;

    public override async Task<string> CommitAsync(BackupMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (Sha256 is not { } sha256 || !string.Equals(sha256, metadata.Sha256, StringComparison.Ordinal) || Length != metadata.SizeBytes)
        {
            throw new RepositoryException($"the backup of {_host} does not match what was received: not stored");
        }

        var serial = metadata.Identity.SerialNumber;
        Previous = serial is null ? null : await _repository.FindNewestGoodAsync(serial, null, cancellationToken).ConfigureAwait(false);
        var snapshot = metadata.Snapshot?.ToJsonString();
        var latest = serial is null ? null : (await _repository.Catalog.ListAsync(
            new BackupQuery { Serial = serial, GoodOnly = true, Limit = 1 }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var suspect = SuspectCheck.Judge(serial, metadata.Snapshot, Previous, latest);
        var store = _repository.Store;
        var name = store.NameOf(sha256);
        var staged = TakeReceived();
        try
        {
            await store.PutFileAsync(name, staged, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (File.Exists(staged))
            {
                File.Delete(staged); // a failed upload: nothing is recorded, the download is not kept
            }
        }

        Entry = await _repository.RecordAsync(
            new NewBackupEntry
            {
                Host = _host,
                Outcome = BackupOutcome.Succeeded,
                TakenAt = metadata.CreatedUtc,
                Identity = metadata.Identity,
                FileName = metadata.FileName,
                PasswordProtected = metadata.PasswordProtected,
                Snapshot = snapshot,
                Suspect = suspect is not null,
                SuspectReason = suspect,
                RunId = RunId,
            },
            new StoredObject(sha256, metadata.SizeBytes),
            cancellationToken).ConfigureAwait(false);
        return store.Locate(name);
    }

    public override string ToString() => $"repository {_repository.Directory}";
}
