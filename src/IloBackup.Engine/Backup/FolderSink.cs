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
        if (!overwrite && File.Exists(final))
        {
            throw new IOException($"{final} already exists (choose another --output, or allow overwriting)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        _final = final;
        return Path.GetFileName(final);
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
        var isDirectory = Directory.Exists(output)
            || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar);
        return isDirectory ? BackupFileName.EnsureInside(output, Path.Combine(output, fileName)) : Path.GetFullPath(output);
    }
}
