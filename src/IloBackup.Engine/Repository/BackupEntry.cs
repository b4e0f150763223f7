using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Repository;

/// <summary>One catalog row: a backup (or a failed attempt) of one server.</summary>
public sealed record BackupEntry
{
    public required long Id { get; init; }
    public required string Host { get; init; }
    public required BackupOutcome Outcome { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    /// <summary>The server and iLO the backup is of (as read when it was taken).</summary>
    public IloIdentity Identity { get; init; } = IloIdentity.Unknown;
    public string? FileName { get; init; }
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    public bool PasswordProtected { get; init; }
    public string? Snapshot { get; init; }

    /// <summary>
    /// True when the readable snapshot equals the one of the server's previous good backup (the file
    /// itself may still differ: encrypted backups rarely match byte for byte); null when either has none.
    /// </summary>
    public bool? SnapshotUnchanged { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>
    /// Marked as not to be trusted (set when stored by <see cref="SuspectCheck"/>; false by default). A suspect entry is never a
    /// server's good backup (<see cref="GoodBackup"/>).
    /// </summary>
    public bool Suspect { get; init; }

    /// <summary>Why the entry is suspect, in words (<see cref="SuspectCheck"/>); null when it is not, or for rows marked before reasons were kept.</summary>
    public string? SuspectReason { get; init; }

    /// <summary>The name of the entry's metadata record beside its object (null for rows older than records).</summary>
    /// <summary>Which runner took it (<c>--runner</c>, default the host name); null for rows older than runners (issue 20).</summary>
    public string? Runner { get; init; }

    /// <summary>The run it belongs to: <c>--run-id</c>, or serve's schedule slot; null when none was named.</summary>
    public string? RunId { get; init; }

    public string? RecordId { get; init; }

    /// <summary>A successful attempt with a file (says nothing about the file itself: see <see cref="GoodBackup"/>).</summary>
    public bool IsGood => Outcome == BackupOutcome.Succeeded && Sha256 is not null;
}
