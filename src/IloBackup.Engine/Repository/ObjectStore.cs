using System.Buffers;
using System.Security.Cryptography;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Backup files stored by content: <c>objects/&lt;aa&gt;/&lt;sha256&gt;</c>, identical files once.
/// A file is streamed to <c>tmp/</c> while it is hashed, fsynced, checked against the expected
/// hash, and only then renamed into place, so an object path never holds a partial or wrong file.
/// </summary>
public sealed class ObjectStore
{
    private const int BufferSize = 81920;

    private readonly bool _syncFolder;

    public ObjectStore(string root)
        : this(root, syncFolder: true)
    {
    }

    /// <param name="root">The repository folder.</param>
    /// <param name="syncFolder">
    /// False for the repository's own store: the metadata record written next, in the same folder, fsyncs
    /// it once for both renames (one folder fsync per backup instead of two).
    /// </param>
    internal ObjectStore(string root, bool syncFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ObjectsDirectory = Path.Combine(root, "objects");
        TempDirectory = Path.Combine(root, "tmp");
        _syncFolder = syncFolder;
    }

    public string ObjectsDirectory { get; }
    public string TempDirectory { get; }

    public string PathOf(string sha256)
    {
        if (!IsHash(sha256))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 in lower-case hex", nameof(sha256));
        }

        return Path.Combine(ObjectsDirectory, sha256[..2], sha256);
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Opens an object for streaming (asynchronous, sequential).</summary>
    public FileStream OpenRead(string sha256) =>
        new(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>
    /// Stores <paramref name="content"/>. When <paramref name="expectedSha256"/> is given and the bytes do
    /// not match, nothing is stored and <see cref="RepositoryException"/> is thrown.
    /// </summary>
    public async Task<StoredObject> PutAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(TempDirectory);
        var temp = Path.Combine(TempDirectory, $"{Guid.NewGuid():N}.tmp");
        try
        {
            var stored = await WriteTempAsync(content, temp, cancellationToken).ConfigureAwait(false);
            if (expectedSha256 is not null && !string.Equals(expectedSha256, stored.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new RepositoryException(
                    $"the backup file's SHA-256 is {stored.Sha256}, expected {expectedSha256.ToLowerInvariant()}: not stored");
            }

            var target = PathOf(stored.Sha256);
            if (File.Exists(target) && await HashFileAsync(target, cancellationToken).ConfigureAwait(false) == stored.Sha256)
            {
                return stored; // already stored: identical files are kept once
            }

            var directory = CreateFanOutDirectory(target);
            // Overwriting is right here: the target is either absent or damaged (its bytes do not match its name).
            File.Move(temp, target, overwrite: true);
            SyncFolder(directory);
            return stored;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Moves a finished file of the staging area (<see cref="TempDirectory"/>, same file system) into the
    /// store after re-hashing it: no copy. The file is gone afterwards, stored or not.
    /// </summary>
    public Task<StoredObject> AdoptAsync(string path, string? expectedSha256, CancellationToken cancellationToken) =>
        AdoptAsync(path, expectedSha256, isSynced: false, cancellationToken);

    /// <param name="path">The finished file, in the staging area.</param>
    /// <param name="expectedSha256">Its hash as computed while it was written; checked again here.</param>
    /// <param name="isSynced">Its bytes were already fsynced by whoever wrote it: not flushed a second time.</param>
    /// <param name="cancellationToken">Cancels the re-hash.</param>
    public async Task<StoredObject> AdoptAsync(string path, string? expectedSha256, bool isSynced, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var size = new FileInfo(path).Length;
            var actual = await HashFileAsync(path, cancellationToken).ConfigureAwait(false);
            if (expectedSha256 is not null && !string.Equals(expectedSha256, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new RepositoryException($"the backup file's SHA-256 is {actual}, expected {expectedSha256.ToLowerInvariant()}: not stored");
            }

            var target = PathOf(actual);
            if (File.Exists(target) && await HashFileAsync(target, cancellationToken).ConfigureAwait(false) == actual)
            {
                return new StoredObject(actual, size);
            }

            if (!isSynced)
            {
                using var flush = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                flush.Flush(flushToDisk: true);
            }

            var directory = CreateFanOutDirectory(target);
            File.Move(path, target, overwrite: true);
            SyncFolder(directory);
            return new StoredObject(actual, size);
        }
        finally
        {
            TryDelete(path);
        }
    }

    private void SyncFolder(string directory)
    {
        if (_syncFolder)
        {
            DirectorySync.Flush(directory);
        }
    }

    /// <summary>The <c>objects/&lt;aa&gt;</c> folder of <paramref name="target"/>; a new one is made durable in <c>objects/</c>.</summary>
    private string CreateFanOutDirectory(string target)
    {
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DirectorySync.Flush(ObjectsDirectory);
        }

        return directory;
    }

    /// <summary>A fresh private directory in the staging area (removed by the next writer if left behind).</summary>
    public string CreateStagingDirectory() =>
        Directory.CreateDirectory(Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Re-hashes an object; null when it is missing.</summary>
    public async Task<string?> RehashAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await HashFileAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Every object on disk (name = hash), whatever the catalog says.</summary>
    public IEnumerable<string> EnumerateObjects()
    {
        if (!Directory.Exists(ObjectsDirectory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(ObjectsDirectory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (IsHash(name) && string.Equals(Path.GetFileName(Path.GetDirectoryName(file)), name[..2], StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }

    /// <summary>Removes an object (no error when it is already gone).</summary>
    public void Delete(string sha256) => TryDelete(PathOf(sha256));

    /// <summary>Removes temporary files left by an interrupted write; returns how many.</summary>
    public int RemoveTemporaryFiles()
    {
        if (!Directory.Exists(TempDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(TempDirectory, "*", SearchOption.AllDirectories))
        {
            if (TryDelete(file))
            {
                removed++;
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(TempDirectory))
        {
            DeleteDirectory(directory);
        }

        return removed;
    }

    public static bool IsHash(string value) =>
        value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static async Task<StoredObject> WriteTempAsync(Stream content, string temp, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            // Unbuffered: it is written in whole pooled buffers already.
            var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new StoredObject(Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        // Unbuffered (bufferSize 1): HashDataAsync reads in large blocks of its own, and a FileStream buffer
        // would be a fresh 80 KB array per file, one per iLO in a fleet run (garbage the GC then collects).
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Removes a staging directory and what is in it (no error when it is gone).</summary>
    public static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
