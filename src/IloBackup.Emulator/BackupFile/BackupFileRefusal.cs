namespace IloBackup.Emulator.BackupFile;

/// <summary>Why a backup file was refused. Every failure to read a file maps to exactly one of these.</summary>
public enum BackupFileRefusal
{
    /// <summary>Empty, or does not start with the format's magic bytes: not one of our backup files.</summary>
    NotABackupFile,

    /// <summary>The file ends before its header or its final chunk.</summary>
    Truncated,

    /// <summary>Authentication failed: the header or a chunk was modified, reordered, cut inside a chunk, or extended.</summary>
    Tampered,

    /// <summary>Written by a newer (or unknown) version of the format.</summary>
    UnsupportedVersion,

    /// <summary>The header is malformed (bad lengths, unknown flags, out-of-range parameters).</summary>
    InvalidHeader,

    /// <summary>The file names a key-derivation function, or parameters, this reader does not accept.</summary>
    UnsupportedKdf,

    /// <summary>The file is password-protected and no password was given.</summary>
    PasswordRequired,

    /// <summary>The password does not open the file (or its password-protected header was modified).</summary>
    WrongPassword,
}
