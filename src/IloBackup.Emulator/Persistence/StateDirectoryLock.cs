using System.Globalization;

namespace IloBackup.Emulator.Persistence;

/// <summary>
/// One emulator per state directory (issue 15, safety 7): an exclusive lock on
/// <c>&lt;state-dir&gt;/emulator.lock</c>, held while the fleet runs. It is an OS lock (.NET's
/// <see cref="FileShare.None"/>: <c>flock(LOCK_EX)</c> on Linux and macOS, a share-mode lock on
/// Windows), so it ends with the process, even on a SIGKILL: no stale lock to clean up. Who holds it
/// (PID and start time) is written beside it, in <c>emulator.pid</c>, for the refusal to name.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    public const string LockFileName = "emulator.lock";
    public const string OwnerFileName = "emulator.pid";

    private readonly FileStream _lock;
    private readonly string _ownerFile;

    private StateDirectoryLock(FileStream held, string ownerFile)
    {
        _lock = held;
        _ownerFile = ownerFile;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (which exists), or throws <see cref="StateDirectoryInUseException"/>.</summary>
    public static StateDirectoryLock Acquire(string directory, DateTimeOffset now)
    {
        var full = Path.GetFullPath(directory);
        var ownerFile = Path.Combine(full, OwnerFileName);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(full, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            var (pid, since) = ReadOwner(ownerFile);
            throw new StateDirectoryInUseException(full, pid, since, e);
        }

        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        AtomicFile.Write(ownerFile, System.Text.Encoding.ASCII.GetBytes(owner), durable: false);
        return new StateDirectoryLock(held, ownerFile);
    }

    public void Dispose()
    {
        // The owner file goes first, while the lock still keeps a new holder from writing its own.
        try
        {
            File.Delete(_ownerFile);
        }
        catch (IOException)
        {
            // Left behind it is harmless: the next holder overwrites it.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }

        _lock.Dispose();
    }

    private static (int? Pid, string? Since) ReadOwner(string ownerFile)
    {
        try
        {
            var parts = File.ReadAllText(ownerFile).Split(' ', 2, StringSplitOptions.TrimEntries);
            var pid = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
            return (pid, parts.Length > 1 && parts[1].Length <= 32 ? parts[1] : null);
        }
        catch (IOException)
        {
            // Between the holder's lock and its owner file, or removed as it stops: unknown.
            return (null, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, null);
        }
    }
}
