namespace IloBackup.Engine.Repository;

/// <summary>
/// Where a repository's backup files and their metadata records live: a folder (<see cref="ObjectStore"/>) or an
/// S3 bucket (<see cref="S3.S3ObjectStore"/>). Objects are content-addressed and enter and leave as streams; no
/// caller learns where or how they are kept (except <see cref="LocalPathOf"/>, for a restore that uploads a file).
/// <para>
/// Names: an object is stored under <see cref="NameOf"/> its SHA-256 (64 lower-case hex characters). The plain stores
/// use the hash itself; a store that hides the hashes (a keyed hash, issue 19's encryption) maps it and wraps the
/// streams. Every other member takes and returns names, and <see cref="RehashAsync"/> hashes the content as read back,
/// so verify compares it with the catalog's SHA-256 whatever the naming.
/// </para>
/// <para>
/// Crash safety is the caller's ordering, kept on every store: <see cref="PutFileAsync"/> (complete, or not there),
/// then <see cref="PutRecordAsync"/> (durable), then the catalog row. Putting the same content twice is harmless.
/// </para>
/// </summary>
public interface IObjectStore
{
    /// <summary>Where the store is, for messages (a folder, <c>s3://bucket/prefix</c>); never a credential.</summary>
    string Description { get; }

    /// <summary>The name an object with content hash <paramref name="sha256"/> is stored under (the name mapping hook).</summary>
    string NameOf(string sha256);

    /// <summary>Where an object is, for people (<c>show</c>): a file path or an <c>s3://</c> URI.</summary>
    string Locate(string name);

    /// <summary>The object's local file when the store keeps it as one (the folder store), else null.</summary>
    string? LocalPathOf(string name);

    /// <summary>
    /// Stores the complete file <paramref name="stagedFile"/> (written and fsynced by the caller, in a folder of the
    /// repository) as object <paramref name="name"/>, and takes the file: it is gone afterwards, moved or uploaded.
    /// Idempotent: an intact object of that name is kept as it is.
    /// </summary>
    Task PutFileAsync(string name, string stagedFile, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> (read to its end) as object <paramref name="name"/>, durably; idempotent.</summary>
    Task PutAsync(string name, Stream content, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens an object for streaming; null when it is missing.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>SHA-256 of the object's content, read by streaming; null when it is missing.</summary>
    Task<string?> RehashAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes an object (no error when it is already gone).</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every object in the store, whatever the catalog says.</summary>
    IAsyncEnumerable<StoredObjectInfo> ListAsync(CancellationToken cancellationToken);

    /// <summary>Writes a metadata record beside object <paramref name="name"/>, durably.</summary>
    Task PutRecordAsync(string name, string recordId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>A record's bytes; null when it is missing.</summary>
    Task<byte[]?> ReadRecordAsync(string name, string recordId, CancellationToken cancellationToken);

    /// <summary>Every record (<paramref name="name"/> null), or the records of one object.</summary>
    IAsyncEnumerable<StoredRecordKey> ListRecordsAsync(string? name, CancellationToken cancellationToken);

    /// <summary>Removes a record (no error when it is gone).</summary>
    Task DeleteRecordAsync(string name, string recordId, CancellationToken cancellationToken);
}
