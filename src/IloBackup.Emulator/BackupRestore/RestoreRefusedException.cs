namespace IloBackup.Emulator.BackupRestore;

/// <summary>A restore was refused before anything changed. The message names no secret.</summary>
public sealed class RestoreRefusedException : Exception
{
    public RestoreRefusedException()
        : this(RestoreRefusal.NotABackupFile, "The file is not a backup file.")
    {
    }

    public RestoreRefusedException(string message)
        : this(RestoreRefusal.NotABackupFile, message)
    {
    }

    public RestoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = RestoreRefusal.NotABackupFile;
    }

    public RestoreRefusedException(RestoreRefusal reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public RestoreRefusal Reason { get; }
}
