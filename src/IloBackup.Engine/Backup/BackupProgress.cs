namespace IloBackup.Engine.Backup;

/// <summary>Progress of a backup: the stage and, while downloading, the bytes received.</summary>
public sealed record BackupProgress(BackupStage Stage, long BytesDownloaded = 0);
