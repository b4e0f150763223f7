using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Backup;

/// <summary>
/// A backup into a folder (or a file path): the file is staged hidden beside its final name, renamed
/// once, and its metadata sidecar <c>X.bak.json</c> written beside it (whose write makes the folder,
/// and so the rename, durable).
/// </summary>
public sealed class FolderSink(string output, bool overwrite = false) : BackupSink
{
    private string? _final;

    /// <summary>The backup file, once committed.</summary>
    public string? FilePath { get; private set; }

    /// <summary>Its metadata sidecar, once committed.</summary>
    public string? MetadataPath { get; private set; }

    protected override string StagingDirectory =>
        Path.GetDirectoryName(_final ?? throw new InvalidOperationException("the sink was not prepared"))!;

    protected override string StagingName() => $".{Path.GetFileName(_final)}.{Guid.NewGuid():N}.partial";

    public override string Prepare(string fileName)
    {
        var final = ResolveOutput(output, fileName);
        if (!overwrite && IsDirectory(output))
        {
            // Two backups of one server in the same minute get the same iLO name: the later one is -2, -3, ...
            final = FreeName(final);
        }
        else if (!overwrite && File.Exists(final))
        {
            throw new IOException($"{final} already exists (choose another --output, or allow overwriting)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        _final = final;
        return Path.GetFileName(final);
    }

    /// <summary>
    /// Checks, before anything is asked of the iLO, that the backup can be written where it goes:
    /// the folder is made if missing and a file is created in it and removed.
    /// </summary>
    public void CheckWritable()
    {
        var folder = IsDirectory(output) ? Path.GetFullPath(output) : Path.GetDirectoryName(Path.GetFullPath(output))!;
        var probe = Path.Combine(folder, $".ilobackup-write-check-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write backups into {folder}: {e.Message} (nothing was asked of the iLO)", e);
        }
    }

    public override async Task<string> CommitAsync(BackupMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var final = _final ?? throw new InvalidOperationException("the sink was not prepared");
        MoveReceived(final, overwrite);
        var sidecar = BackupMetadataFile.SidecarPath(final);
        await BackupMetadataFile.WriteAsync(sidecar, metadata, CancellationToken.None).ConfigureAwait(false);
        (FilePath, MetadataPath) = (final, sidecar);
        return final;
    }

    public override string ToString() => _final is null ? output : Path.GetFileName(_final);

    /// <summary>The final path for <paramref name="output"/>: inside it when it is a directory, else itself.</summary>
    public static string ResolveOutput(string output, string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        return IsDirectory(output) ? BackupFileName.EnsureInside(output, Path.Combine(output, fileName)) : Path.GetFullPath(output);
    }

    private static bool IsDirectory(string output) =>
        Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar);

    /// <summary><paramref name="path"/>, else the first of <c>name-2.bak</c>, <c>name-3.bak</c>, ... whose file and sidecar are both free.</summary>
    private static string FreeName(string path)
    {
        static bool Taken(string p) => File.Exists(p) || File.Exists(BackupMetadataFile.SidecarPath(p));
        if (!Taken(path))
        {
            return path;
        }

        var folder = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        for (var n = 2; n < 10_000; n++)
        {
            var candidate = Path.Combine(folder, $"{stem}-{n}{extension}");
            if (!Taken(candidate))
            {
                return candidate;
            }
        }

        throw new IOException($"{path}: no free name left (-2 to -9999 are taken)");
    }
}
