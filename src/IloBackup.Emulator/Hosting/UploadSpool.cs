using System.Security.Cryptography;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// Where restore uploads are spooled while they are checked (docs/emulator.md, "Hostile clients"):
/// <c>BackupRestore.UploadDirectory</c> if given, else <c>spool/</c> under the state directory,
/// else (an in-memory fleet) a directory of this fleet's own, removed when it stops. Spool files
/// left by a killed emulator (<c>ilo-upload-*.tmp</c>: parts of backups) are removed at start.
/// </summary>
internal sealed class UploadSpool : IDisposable
{
    public const string FilePattern = "ilo-upload-*.tmp";

    private readonly bool _owned;

    private UploadSpool(string directory, bool owned)
    {
        Directory = directory;
        _owned = owned;
    }

    public string Directory { get; }

    /// <summary>Chooses the spool directory, creates it and empties it of leftover spool files.</summary>
    public static UploadSpool Prepare(EmulatorOptions options)
    {
        var owned = options.BackupRestore.UploadDirectory is null && options.StateDirectory is null;
        var directory = options.BackupRestore.UploadDirectory
            ?? (options.StateDirectory is { } state
                ? Path.Combine(state, "spool")
                : Path.Combine(Path.GetTempPath(), "ilobackup-emulator-spool-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()));
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var leftover in System.IO.Directory.EnumerateFiles(directory, FilePattern))
        {
            File.Delete(leftover);
        }

        return new UploadSpool(directory, owned);
    }

    public void Dispose()
    {
        if (_owned)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // An upload still being checked holds its file; the directory is ours and empty soon.
            }
        }
    }
}
