namespace IloBackup.Emulator.BackupRestore.Upload;

/// <summary>Why a multipart upload could not be read.</summary>
internal enum UploadRefusal
{
    /// <summary>Not <c>multipart/form-data</c>, or no boundary in the header nor on the body's first line.</summary>
    NotMultipart,

    /// <summary>The body breaks the multipart syntax, or a form field is too long.</summary>
    Malformed,

    /// <summary>The body exceeds the size limit.</summary>
    TooLarge,
}
