namespace IloBackup.Engine.Repository;

/// <summary>Whether a catalog entry is a good backup (<see cref="GoodBackup"/>), and if not, why.</summary>
public enum GoodBackupVerdict
{
    Good,

    /// <summary>A failed attempt: it has no file.</summary>
    Failed,

    /// <summary>Marked suspect (by recovery).</summary>
    Suspect,

    /// <summary>Its file is not in the object store.</summary>
    Missing,

    /// <summary>Its file no longer matches its SHA-256.</summary>
    Damaged,
}
