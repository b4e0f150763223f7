namespace IloBackup.Engine.Repository;

public enum BackupOutcome
{
    /// <summary>The backup file is stored and its hash verified.</summary>
    Succeeded,

    /// <summary>The attempt failed; the entry records why and holds no file.</summary>
    Failed,
}
