using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Repository;

/// <summary>
/// What the engine knows about one backup attempt, before the catalog gives it an id. For a
/// successful attempt <see cref="Sha256"/> and <see cref="Size"/> name an object already stored.
/// </summary>
public sealed record NewBackupEntry
{
    /// <summary>
    /// The id to record it under: one from <see cref="IBackupCatalog.ReserveIdAsync"/>, or, in a rebuild, the id its record
    /// names (at or below the catalog's high-water mark); null: the catalog's next.
    /// </summary>
    public long? Id { get; init; }

    public required string Host { get; init; }
    public required BackupOutcome Outcome { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    /// <summary>The server and iLO the backup is of (as read when it was taken).</summary>
    public IloIdentity Identity { get; init; } = IloIdentity.Unknown;
    public string? FileName { get; init; }
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    public bool PasswordProtected { get; init; }

    /// <summary>The readable snapshot of the configuration (JSON text), when one was taken.</summary>
    public string? Snapshot { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Set by the repository: the metadata record written beside the object before this row.</summary>
    /// <summary>Which runner took it (<c>--runner</c>, default the host name); null for rows older than runners (issue 20).</summary>
    public string? Runner { get; init; }

    /// <summary>The run it belongs to: <c>--run-id</c>, or serve's schedule slot; null when none was named.</summary>
    public string? RunId { get; init; }

    public string? RecordId { get; init; }

    public bool Suspect { get; init; }

    /// <summary>Why the entry is suspect, in words (<see cref="SuspectCheck"/>); null when it is not, or for rows marked before reasons were kept.</summary>
    public string? SuspectReason { get; init; }
}
