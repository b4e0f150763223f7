using System.Globalization;
using System.Runtime.InteropServices;

namespace IloBackup.Emulator.Persistence;

/// <summary>
/// One emulator per state directory (issue 15, safety 7): an exclusive OS lock held while the fleet
/// runs. On Linux it is <c>flock(LOCK_EX)</c> on the state directory itself, so no file in it is
/// locked and any tool can still read every file (.NET's own file locks would make a lock file
/// unreadable to other .NET code); elsewhere, .NET's <see cref="FileShare.None"/> on
/// <c>&lt;state-dir&gt;/emulator.lock</c>. Either way the lock belongs to an open file, so it ends
/// with the process, even on a SIGKILL: no stale lock to clean up. Who holds it (PID and start time)
/// is written beside it, in <c>emulator.pid</c>, for the refusal to name.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    public const string LockFileName = "emulator.lock";
    public const string OwnerFileName = "emulator.pid";

    // Linux: O_RDONLY | O_CLOEXEC (a directory opens read-only); flock's LOCK_EX | LOCK_NB.
    private const int ReadOnlyCloseOnExec = 0x80000;
    private const int ExclusiveNonBlocking = 2 | 4;

    private readonly IDisposable _lock;
    private readonly string _ownerFile;

    private StateDirectoryLock(IDisposable held, string ownerFile)
    {
        _lock = held;
        _ownerFile = ownerFile;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (which exists), or throws <see cref="StateDirectoryInUseException"/>.</summary>
    public static StateDirectoryLock Acquire(string directory, DateTimeOffset now)
    {
        var full = Path.GetFullPath(directory);
        var ownerFile = Path.Combine(full, OwnerFileName);
        IDisposable held;
        try
        {
            held = OperatingSystem.IsLinux()
                ? LockDirectory(full)
                : new FileStream(Path.Combine(full, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
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

    private static DirectoryHandle LockDirectory(string directory)
    {
        var fd = Open(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), ReadOnlyCloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to lock it (errno {Marshal.GetLastPInvokeError()})");
        }

        if (Flock(fd, ExclusiveNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Close(fd);
            throw new IOException($"{directory} is locked by another process (errno {errno})");
        }

        return new DirectoryHandle(fd);
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

    // DllImport as in IloBackup.Durability's DirectorySync (blittable, AOT-safe; no unsafe code needed here).
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);

    /// <summary>The open directory whose <c>flock</c> is the lock: closing it releases the lock.</summary>
    private sealed class DirectoryHandle(int fd) : IDisposable
    {
        private int _fd = fd;

        public void Dispose()
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0)
            {
                _ = Close(fd);
            }
        }
    }
}
