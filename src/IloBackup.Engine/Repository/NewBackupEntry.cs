namespace IloBackup.Engine.Repository;

/// <summary>
/// What the engine knows about one backup attempt, before the catalog gives it an id. For a
/// successful attempt <see cref="Sha256"/> and <see cref="Size"/> name an object already stored.
/// </summary>
public sealed record NewBackupEntry
{
    public required string Host { get; init; }
    public required BackupOutcome Outcome { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public string? Serial { get; init; }
    public string? Product { get; init; }
    public string? ProductId { get; init; }

    /// <summary>"iLO 5", "iLO 6"...</summary>
    public string? Generation { get; init; }

    public string? Firmware { get; init; }
    public string? FileName { get; init; }
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    public bool PasswordProtected { get; init; }

    /// <summary>The readable snapshot of the configuration (JSON text), when one was taken.</summary>
    public string? Snapshot { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Set by the repository: the metadata record written beside the object before this row.</summary>
    public string? RecordId { get; init; }

    public bool Suspect { get; init; }
}
