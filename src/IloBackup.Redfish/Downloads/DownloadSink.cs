namespace IloBackup.Redfish.Downloads;

/// <summary>
/// Where a download's bytes go. Each attempt writes a fresh hidden staging file, hashed as the bytes
/// pass (<see cref="BeginAttempt"/>) and fsynced when it ends (<see cref="CompleteAttemptAsync"/>);
/// a retried or failed attempt's file is thrown away. The subclass commits the received file with
/// one rename (<see cref="MoveReceived"/>) into the place it belongs: a folder, a repository. The
/// staging folder is on the same file system as that place, so the commit never copies nor re-reads.
/// Disposing discards whatever was not committed.
/// </summary>
public abstract class DownloadSink : IDisposable
{
    private string? _staged;
    private HashingFileStream? _open;

    /// <summary>Byte count of the received file (after <see cref="CompleteAttemptAsync"/>).</summary>
    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the received file, computed as it was written; null until complete.</summary>
    public string? Sha256 { get; private set; }

    /// <summary>Where the staging file is written (on the file system of the final place).</summary>
    protected internal abstract string StagingDirectory { get; }

    /// <summary>The hidden staging file's name (a fresh one per attempt).</summary>
    protected virtual string StagingName() => $".{Guid.NewGuid():N}.partial";

    /// <summary>Starts an attempt: discards the previous one and opens a fresh staging file.</summary>
    public Stream BeginAttempt()
    {
        Discard();
        var directory = StagingDirectory;
        Directory.CreateDirectory(directory);
        _staged = Path.Combine(directory, StagingName());
        _open = new HashingFileStream(_staged);
        return _open;
    }

    /// <summary>Ends the attempt: the bytes reach the disk, and <see cref="Length"/> and <see cref="Sha256"/> are set.</summary>
    public async Task CompleteAttemptAsync(CancellationToken cancellationToken)
    {
        var open = _open ?? throw new InvalidOperationException("no attempt in progress");
        (Length, Sha256) = await open.FinishAsync(cancellationToken).ConfigureAwait(false);
        await open.DisposeAsync().ConfigureAwait(false);
        _open = null;
    }

    /// <summary>
    /// The commit's one rename: the received file becomes <paramref name="path"/>. Making the rename
    /// durable (fsync of its folder) is the caller's, with whatever it writes next to it.
    /// </summary>
    protected void MoveReceived(string path, bool overwrite)
    {
        if (_staged is null || Sha256 is null || _open is not null)
        {
            throw new InvalidOperationException("nothing complete was received");
        }

        File.Move(_staged, path, overwrite);
        _staged = null;
    }

    /// <summary>
    /// Hands the received file over to a subclass that stores it some other way than by one rename (an upload):
    /// returns its path, and it is no longer this sink's to discard.
    /// </summary>
    protected string TakeReceived()
    {
        if (_staged is null || Sha256 is null || _open is not null)
        {
            throw new InvalidOperationException("nothing complete was received");
        }

        var staged = _staged;
        _staged = null;
        return staged;
    }

    /// <summary>Throws the received file away (the content is already stored elsewhere, or the download failed).</summary>
    public void Discard()
    {
        _open?.Dispose();
        _open = null;
        if (_staged is not null)
        {
            TryDelete(_staged);
            _staged = null;
        }

        Sha256 = null;
        Length = 0;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Discard();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover is a hidden .partial file, never a file that looks like a backup.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
