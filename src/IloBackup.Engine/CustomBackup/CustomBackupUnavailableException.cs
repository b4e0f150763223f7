namespace IloBackup.Engine.CustomBackup;

/// <summary>The iLO cannot do custom backup: its firmware lacks it, or its security state forbids it.</summary>
public sealed class CustomBackupUnavailableException : Exception
{
    public CustomBackupUnavailableException()
    {
    }

    public CustomBackupUnavailableException(string message)
        : base(message)
    {
    }

    public CustomBackupUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
