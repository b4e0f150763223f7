namespace IloBackup.Engine.Metadata;

/// <summary>Where what is known about a backup file comes from.</summary>
public enum BackupFileKnowledge
{
    /// <summary>ilobackup's metadata beside it.</summary>
    Metadata,

    /// <summary>Only the serial number in its <c>HPE_&lt;serial&gt;_</c> name.</summary>
    FileName,

    /// <summary>Nothing: restoring it needs <c>--force</c>.</summary>
    Nothing,
}
