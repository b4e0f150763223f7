using System.Runtime.InteropServices;

namespace IloBackup.Durability;

/// <summary>
/// Makes a rename durable. On Linux a renamed file is on the disk only once its directory is
/// fsynced too: without it, a power loss right after a "complete" download, object or catalog
/// could bring back the old name (or none), even though the file's own bytes were flushed.
/// Used by the client (downloads), the engine (repository objects, catalog, sidecars), the CLI
/// (reports) and the emulator (SRAM, identity, certificates, NAND files): this assembly holds no
/// protocol code, so sharing it keeps the client and the emulator independent peers.
/// </summary>
/// <remarks>
/// Degrades by design: on other platforms, or where a directory cannot be opened or fsynced (some
/// file systems answer <c>EINVAL</c>), it does nothing and returns false. The file is then as
/// durable as the platform makes a rename: a crash of the process still leaves the old or the new
/// file, only a power loss may lose the rename.
/// </remarks>
public static class DirectorySync
{
    // O_RDONLY | O_CLOEXEC: the same bits on every Linux architecture .NET runs on (O_DIRECTORY is
    // not: it is O_DIRECT on arm64), and a directory opens read-only without O_DIRECTORY.
    private const int ReadOnlyCloseOnExec = 0x80000;

    /// <summary>fsyncs <paramref name="directory"/>; true when it reached the disk, false when not possible here.</summary>
    public static bool Flush(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var path = System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(directory) + "\0");
            var fd = Open(path, ReadOnlyCloseOnExec);
            if (fd < 0)
            {
                return false;
            }

            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>fsyncs the directory holding <paramref name="path"/> (call it after renaming a file to that path).</summary>
    public static bool FlushParentOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Flush(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    [DllImport("libc", EntryPoint = "open")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
