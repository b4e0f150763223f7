namespace IloBackup.Engine.Backup;

/// <summary>How to back up (where to: the <see cref="BackupSink"/>).</summary>
public sealed record BackupRequest
{
    /// <summary>Protects the file on the iLO's side (at most 32 characters); needed again to restore.</summary>
    public string? FilePassword { get; init; }

    /// <summary>Take the readable snapshot of the configuration (false: the fastest possible backup).</summary>
    public bool IncludeSnapshot { get; init; } = true;

    /// <summary>Recorded in the metadata as the tool that wrote it.</summary>
    public string? Tool { get; init; }
}
