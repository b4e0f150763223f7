using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Backup;

/// <summary>
/// A completed backup: where the sink put the file (a path in a folder, an object in a repository),
/// its metadata, and anything worth a warning (e.g. no snapshot).
/// </summary>
public sealed record BackupResult(string FilePath, BackupMetadata Metadata, TimeSpan Duration, IReadOnlyList<string> Warnings);
