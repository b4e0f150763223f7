namespace IloBackup.Durability;

/// <summary>
/// A write that failed because the local disk is full (ENOSPC on Linux and macOS, ERROR_DISK_FULL
/// or ERROR_HANDLE_DISK_FULL on Windows). Not transient: trying again fills the same disk.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a disk-full write error.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.HResult is Enospc or ErrorHandleDiskFull or ErrorDiskFull)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A plain-words error for a disk-full write: what was being written, where, and that nothing was kept.</summary>
    public static IOException Error(string what, string folder, IOException cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new IOException(
            $"{what}: the local disk is full (no space left on device) while writing into {folder}; nothing was saved, "
            + "and it is not retried: free some space, then run it again", cause.HResult);
    }
}
