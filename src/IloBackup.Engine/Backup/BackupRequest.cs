namespace IloBackup.Engine.Backup;

/// <summary>What to back up and where.</summary>
public sealed record BackupRequest
{
    /// <summary>
    /// A directory (one that exists, or a path ending with a separator): the file keeps the iLO's
    /// own name inside it. Anything else is the file path itself.
    /// </summary>
    public string Output { get; init; } = ".";

    /// <summary>Protects the file on the iLO's side (at most 32 characters); needed again to restore.</summary>
    public string? FilePassword { get; init; }

    /// <summary>Take the readable snapshot of the configuration (false: the fastest possible backup).</summary>
    public bool IncludeSnapshot { get; init; } = true;

    /// <summary>Replace an existing file of the same name.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Write the metadata sidecar <c>X.bak.json</c> beside the file (false when the caller keeps the
    /// metadata elsewhere, as the fleet does in its catalog: one file less to create and fsync).
    /// </summary>
    public bool WriteMetadataFile { get; init; } = true;

    /// <summary>
    /// The file goes to a staging folder from which the caller commits it (the repository moves it
    /// into its objects and makes that rename durable): its bytes are fsynced, the folder is not.
    /// </summary>
    public bool Staged { get; init; }

    /// <summary>Recorded in the metadata as the tool that wrote it.</summary>
    public string? Tool { get; init; }
}
