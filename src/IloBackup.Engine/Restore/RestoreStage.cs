namespace IloBackup.Engine.Restore;

/// <summary>Where a restore is.</summary>
public enum RestoreStage
{
    Uploading,
    WaitingForReset,
    Unreachable,
    LoggingIn,
    Verifying,
    Done,
}
