namespace IloBackup.Engine.Backup;

/// <summary>Where a backup is.</summary>
public enum BackupStage
{
    LoggingIn,
    ReadingIdentity,
    CreatingBackup,
    Downloading,
    ReadingSnapshot,
    Saving,
    Done,
}
