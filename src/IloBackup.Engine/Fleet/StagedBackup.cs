using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// A backup downloaded and checked by the single-iLO engine into the repository's staging area,
/// ready to be moved into the object store.
/// </summary>
public sealed record StagedBackup
{
    public required string FilePath { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public required IloIdentity Identity { get; init; }
    public bool PasswordProtected { get; init; }

    /// <summary>The readable snapshot (JSON text), or null when none was taken.</summary>
    public string? Snapshot { get; init; }

    /// <summary>The file's bytes already reached the disk (fsynced): the object store need not flush it again.</summary>
    public bool IsSynced { get; init; }
}
