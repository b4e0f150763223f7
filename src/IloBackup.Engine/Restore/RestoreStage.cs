namespace IloBackup.Engine.Restore;

/// <summary>Where a restore is.</summary>
public enum RestoreStage
{
    Uploading,
    WaitingForReset,

    /// <summary>The iLO is making its internal backup and defers its reset until that completes (iLO 5 3.16+, iLO 6 1.71+, iLO 7).</summary>
    WaitingForInternalBackup,
    Unreachable,
    LoggingIn,
    Verifying,
    Done,
}
