namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// A backup file was refused. <see cref="Reason"/> says why; the message never contains a password,
/// key or any payload byte.
/// </summary>
public sealed class BackupFileException : Exception
{
    public BackupFileException()
        : this(BackupFileRefusal.NotABackupFile, "The file is not a backup file.")
    {
    }

    public BackupFileException(string message)
        : this(BackupFileRefusal.NotABackupFile, message)
    {
    }

    public BackupFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = BackupFileRefusal.NotABackupFile;
    }

    public BackupFileException(BackupFileRefusal reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public BackupFileException(BackupFileRefusal reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the file was refused.</summary>
    public BackupFileRefusal Reason { get; }
}
