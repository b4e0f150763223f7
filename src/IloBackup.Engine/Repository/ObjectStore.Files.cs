using System.Runtime.CompilerServices;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>The folder store's records (beside their objects) and its file helpers.</summary>
public sealed partial class ObjectStore
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The path of a record beside its object.</summary>
    public string RecordPathOf(string name, string recordId) =>
        Path.Combine(ObjectsDirectory, ObjectNames.Check(name)[..2], ObjectNames.RecordFileName(name, recordId));

    public async Task PutRecordAsync(string name, string recordId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = RecordPathOf(name, recordId);
        Directory.CreateDirectory(TempDirectory);
        var temp = Path.Combine(TempDirectory, $"{recordId}.record.tmp");
        try
        {
            var stream = new FileStream(temp, CreateNewOwnerOnly(4096));
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            CreateFanOutDirectory(target);
            File.Move(temp, target, overwrite: false);
            DirectorySync.FlushParentOf(target); // also makes the object's rename (same folder) durable
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public async Task<byte[]?> ReadRecordAsync(string name, string recordId, CancellationToken cancellationToken)
    {
        var path = RecordPathOf(name, recordId);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public async IAsyncEnumerable<StoredRecordKey> ListRecordsAsync(string? name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var directory = name is null ? ObjectsDirectory : Path.Combine(ObjectsDirectory, ObjectNames.Check(name)[..2]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var pattern = name is null ? "*.json" : name + ".*.json";
        var option = name is null ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        foreach (var file in Directory.EnumerateFiles(directory, pattern, option).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ObjectNames.ParseRecord(Path.GetFileName(file)) is { } key
                && string.Equals(Path.GetFileName(Path.GetDirectoryName(file)), key.Name[..2], StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    public Task DeleteRecordAsync(string name, string recordId, CancellationToken cancellationToken)
    {
        TryDelete(RecordPathOf(name, recordId));
        return Task.CompletedTask;
    }

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

    private IEnumerable<FileInfo> EnumerateObjectFiles()
    {
        if (!Directory.Exists(ObjectsDirectory))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(ObjectsDirectory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (IsHash(file.Name) && string.Equals(file.Directory?.Name, file.Name[..2], StringComparison.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>Makes a file readable and writable by its owner only (a no-op where there are no Unix modes).</summary>
    internal static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }

    /// <summary>Creates a folder 0700 (owner only) when it is missing (an existing one keeps its mode).</summary>
    internal static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerReadWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Options for a new file created 0600 from the start (no moment where others could open it).</summary>
    internal static FileStreamOptions CreateNewOwnerOnly(int bufferSize)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
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
