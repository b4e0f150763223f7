using System.Collections.Concurrent;

namespace IloBackup.Emulator.Ilo;

/// <summary>
/// The iLO's NAND flash: named files (backup files live here), in the iLO's <c>nand/</c>
/// folder of the state directory, or in memory when the emulator has no state directory.
/// A file appears only when its writer is committed, atomically.
/// </summary>
public sealed class NandStorage
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, DateTimeOffset Modified)>? _memory;
    private readonly TimeProvider _time;

    internal NandStorage(string? directory, TimeProvider time)
    {
        Directory = directory;
        _time = time;
        if (directory is null)
        {
            _memory = new ConcurrentDictionary<string, (byte[], DateTimeOffset)>(StringComparer.Ordinal);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory);
            Persistence.AtomicFile.CleanTemporaryFiles(directory);
        }
    }

    /// <summary>The folder holding the files, or null when kept in memory.</summary>
    public string? Directory { get; }

    /// <summary>File names are plain: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; no path, no leading dot.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name[0] != '.' && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Starts writing a file; it replaces any file of that name only on <see cref="NandFileWriter.Commit"/>.</summary>
    public NandFileWriter Create(string name)
    {
        CheckName(name);
        if (_memory is not null)
        {
            return new NandFileWriter(new MemoryStream(), s => _memory[name] = (((MemoryStream)s).ToArray(), _time.GetUtcNow()), null);
        }

        var temp = Path.Combine(Directory!, "." + name + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temp, options);
        return new NandFileWriter(
            stream,
            s =>
            {
                ((FileStream)s).Flush(flushToDisk: true);
                s.Dispose();
                File.Move(temp, Path.Combine(Directory!, name), overwrite: true);
                Durability.DirectorySync.Flush(Directory!);
            },
            () => File.Delete(temp));
    }

    /// <summary>Opens a file for reading, or null if there is none.</summary>
    public Stream? OpenRead(string name)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        if (_memory is not null)
        {
            return _memory.TryGetValue(name, out var file) ? new MemoryStream(file.Bytes, writable: false) : null;
        }

        var path = Path.Combine(Directory!, name);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public bool Delete(string name)
    {
        if (!IsValidName(name))
        {
            return false;
        }

        if (_memory is not null)
        {
            return _memory.TryRemove(name, out _);
        }

        var path = Path.Combine(Directory!, name);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>The files, by name.</summary>
    public IReadOnlyList<NandFile> List()
    {
        if (_memory is not null)
        {
            return [.. _memory.Select(p => new NandFile(p.Key, p.Value.Bytes.LongLength, p.Value.Modified)).OrderBy(f => f.Name, StringComparer.Ordinal)];
        }

        return [.. new DirectoryInfo(Directory!).EnumerateFiles()
            .Where(f => IsValidName(f.Name))
            .Select(f => new NandFile(f.Name, f.Length, f.LastWriteTimeUtc))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Erases every file (a new system board comes with an empty NAND).</summary>
    public void Clear()
    {
        foreach (var file in List())
        {
            Delete(file.Name);
        }
    }

    private static void CheckName(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"not a valid NAND file name: '{name}'", nameof(name));
        }
    }
}
