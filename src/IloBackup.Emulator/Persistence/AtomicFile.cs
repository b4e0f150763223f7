using IloBackup.Durability;

namespace IloBackup.Emulator.Persistence;

/// <summary>
/// Writes a file so that a crash leaves either the old content or the new, never a mix: the
/// bytes go to a temporary file in the same folder, are flushed to the disk, then the
/// temporary file is renamed over the target (an atomic replace on POSIX file systems), and the
/// folder is fsynced so the rename itself survives a power loss (<see cref="DirectorySync"/>).
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="content">The new bytes.</param>
    /// <param name="durable">Flush the file and its folder to the disk (fsync): survives power loss, not only a crash.</param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true) => Write(path, content, durable, observer: null);

    /// <summary>
    /// As <see cref="Write(string, ReadOnlySpan{byte}, bool)"/>, telling <paramref name="observer"/>
    /// each <see cref="AtomicWritePoint"/> as it is reached (the restore-stall fault may stop there). With an
    /// observer the temporary file is written in two halves, so a crash can leave it half written.
    /// </summary>
    internal static void Write(string path, ReadOnlySpan<byte> content, bool durable, Action<AtomicWritePoint>? observer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        observer?.Invoke(AtomicWritePoint.BeforeWrite);
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temp, options))
            {
                if (observer is not null)
                {
                    var half = content.Length / 2;
                    stream.Write(content[..half]);
                    stream.Flush(flushToDisk: false);
                    observer(AtomicWritePoint.TempPartial);
                    content = content[half..];
                }

                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }

            observer?.Invoke(AtomicWritePoint.TempSynced);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        observer?.Invoke(AtomicWritePoint.Renamed);
        if (durable)
        {
            DirectorySync.Flush(directory);
        }

        observer?.Invoke(AtomicWritePoint.DirectorySynced);
    }

    /// <summary>Removes temporary files a crash may have left behind in a folder.</summary>
    public static void CleanTemporaryFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            TryDelete(file);
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
            // Best effort: a stale temporary file is harmless and cleaned at the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
