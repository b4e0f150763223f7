namespace IloBackup.Emulator.BackupRestore;

/// <summary>Why a restore was refused. Nothing changes on any refusal (docs/emulator-backup-restore.md).</summary>
public enum RestoreRefusal
{
    /// <summary>The upload had no file part, or an empty file.</summary>
    EmptyFile,

    /// <summary>Not one of our backup files (foreign bytes, or another payload type).</summary>
    NotABackupFile,

    /// <summary>The file is cut short.</summary>
    Truncated,

    /// <summary>The file fails authentication, or holds a configuration that cannot be read.</summary>
    Tampered,

    /// <summary>A newer format version, or a newer configuration format.</summary>
    UnsupportedVersion,

    /// <summary>Made on another server (serial number or product id differ).</summary>
    AnotherServer,

    /// <summary>Made by another iLO generation.</summary>
    AnotherGeneration,

    /// <summary>Made by newer firmware than this iLO runs.</summary>
    NewerFirmware,

    /// <summary>The file is password-protected and no password, or the wrong one, was given.</summary>
    InvalidPassword,

    /// <summary>Another restore is being applied.</summary>
    RestoreInProgress,
}
