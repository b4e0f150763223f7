using System.Security.Cryptography;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Backup files stored by content: <c>objects/&lt;aa&gt;/&lt;sha256&gt;</c>, identical files once.
/// Objects enter only through a <see cref="RepositorySink"/>: streamed to <c>tmp/</c> while hashed,
/// fsynced, and only then renamed into place, so an object path never holds a partial or wrong file.
/// </summary>
public sealed class ObjectStore
{
    private const int BufferSize = 81920;

    public ObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ObjectsDirectory = Path.Combine(root, "objects");
        TempDirectory = Path.Combine(root, "tmp");
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

    /// <summary>The <c>objects/&lt;aa&gt;</c> folder of <paramref name="target"/>; a new one is made durable in <c>objects/</c>.</summary>
    internal string CreateFanOutDirectory(string target)
    {
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DirectorySync.Flush(ObjectsDirectory);
        }

        return directory;
    }

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
