namespace IloBackup.Emulator.BackupRestore.Upload;

/// <summary>A multipart upload was refused before anything changed.</summary>
internal sealed class UploadException(UploadRefusal reason, string message) : Exception(message)
{
    public UploadRefusal Reason { get; } = reason;
}
