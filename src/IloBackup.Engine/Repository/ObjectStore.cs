using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The folder store (<see cref="IObjectStore"/>): backup files by content in <c>objects/&lt;aa&gt;/&lt;sha256&gt;</c>,
/// identical files once, each record beside its object as <c>&lt;sha256&gt;.&lt;record id&gt;.json</c>
/// (<see cref="ObjectRecord"/>). A file enters complete: written in <c>tmp/</c>, fsynced, then renamed into place,
/// so an object path never holds a partial or wrong file. Object and record files are 0600 (owner only): they hold
/// the iLO's user database. The rename of <see cref="PutFileAsync"/> is made durable by the record written next
/// into the same folder (one folder fsync for both); <see cref="PutAsync"/> makes its own durable.
/// </summary>
public sealed partial class ObjectStore : IObjectStore
{
    internal const int BufferSize = 81920;

    public ObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ObjectsDirectory = Path.Combine(root, "objects");
        TempDirectory = Path.Combine(root, "tmp");
    }

    public string ObjectsDirectory { get; }
    public string TempDirectory { get; }
    public string Description => ObjectsDirectory;

    public string NameOf(string sha256) => ObjectNames.Check(sha256);

    public string Locate(string name) => PathOf(name);

    public string? LocalPathOf(string name) => PathOf(name);

    public string PathOf(string sha256) => Path.Combine(ObjectsDirectory, ObjectNames.Check(sha256)[..2], sha256);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Exists(name));

    /// <summary>Opens an object for streaming (asynchronous, sequential).</summary>
    public FileStream OpenRead(string sha256) =>
        new(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Exists(name) ? OpenRead(name) : null);

    public async Task PutFileAsync(string name, string stagedFile, CancellationToken cancellationToken)
    {
        var target = PathOf(name);
        if (File.Exists(target) && await HashFileAsync(target, cancellationToken).ConfigureAwait(false) == name)
        {
            OwnerOnly(target); // an object stored before files were 0600 becomes so when it is stored again
            File.Delete(stagedFile); // already stored: identical files are kept once
            return;
        }

        CreateFanOutDirectory(target);
        OwnerOnly(stagedFile);
        // Overwriting is right here: the target is either absent or damaged (its bytes do not match its name).
        File.Move(stagedFile, target, overwrite: true);
    }

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var staged = await StageAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            await PutFileAsync(name, staged, cancellationToken).ConfigureAwait(false);
            DirectorySync.FlushParentOf(PathOf(name));
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Copies <paramref name="content"/> into a fresh 0600 file in <c>tmp/</c>, fsynced; returns its path.</summary>
    internal async Task<string> StageAsync(Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(TempDirectory);
        var staged = Path.Combine(TempDirectory, $".{Guid.NewGuid():N}.put");
        var stream = new FileStream(staged, CreateNewOwnerOnly(BufferSize));
        await using (stream.ConfigureAwait(false))
        {
            await content.CopyToAsync(stream, BufferSize, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        return staged;
    }

    /// <summary>Re-hashes an object; null when it is missing.</summary>
    public async Task<string?> RehashAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await HashFileAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Every object on disk (name = hash), whatever the catalog says.</summary>
    public IEnumerable<string> EnumerateObjects() => EnumerateObjectFiles().Select(f => f.Name);

    public async IAsyncEnumerable<StoredObjectInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var file in EnumerateObjectFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            file.Refresh();
            if (file.Exists)
            {
                yield return new StoredObjectInfo(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }
    }

    /// <summary>Removes an object (no error when it is already gone).</summary>
    public void Delete(string sha256) => TryDelete(PathOf(sha256));

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Delete(name);
        return Task.CompletedTask;
    }

    /// <summary>Removes temporary files left by an interrupted write; returns how many.</summary>
    public int RemoveTemporaryFiles() => RemoveTemporaryFiles(TempDirectory);

    /// <summary>
    /// Removes what an interrupted write left in a staging folder; returns how many files. With <paramref name="writtenBefore"/>,
    /// only files last written before then, and folders left empty that are as old (writers sharing the folder keep theirs).
    /// </summary>
    public static int RemoveTemporaryFiles(string tempDirectory, DateTimeOffset? writtenBefore = null)
    {
        if (!Directory.Exists(tempDirectory))
        {
            return 0;
        }

        bool Old(FileSystemInfo entry) => writtenBefore is not { } before || entry.LastWriteTimeUtc < before.UtcDateTime;
        var removed = new DirectoryInfo(tempDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Where(Old).Count(f => TryDelete(f.FullName));
        foreach (var directory in new DirectoryInfo(tempDirectory).EnumerateDirectories())
        {
            if (writtenBefore is null)
            {
                DeleteDirectory(directory.FullName);
            }
            else if (Old(directory) && !directory.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Any())
            {
                DeleteDirectory(directory.FullName);
            }
        }

        return removed;
    }

    public static bool IsHash(string value) => ObjectNames.IsHash(value);

    internal static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
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
}
