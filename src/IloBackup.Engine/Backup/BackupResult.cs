using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Backup;

/// <summary>
/// A completed backup: the file, its metadata sidecar (null when not written, see
/// <see cref="BackupRequest.WriteMetadataFile"/>), and anything worth a warning (e.g. no snapshot).
/// </summary>
public sealed record BackupResult(string FilePath, string? MetadataPath, BackupMetadata Metadata, TimeSpan Duration, IReadOnlyList<string> Warnings);
