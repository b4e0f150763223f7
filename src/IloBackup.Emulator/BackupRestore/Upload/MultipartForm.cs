namespace IloBackup.Emulator.BackupRestore.Upload;

/// <summary>
/// A multipart form as received: the text fields, and the file part spooled to a temporary file
/// that is deleted when the form is disposed.
/// </summary>
internal sealed class MultipartForm : IAsyncDisposable
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The file part (positioned at its start), or null when the form had none.</summary>
    public Stream? File { get; private set; }

    public string? FileName { get; private set; }

    public long FileLength { get; private set; }

    public string? this[string name] => _fields.GetValueOrDefault(name);

    public ValueTask DisposeAsync() => File?.DisposeAsync() ?? ValueTask.CompletedTask;

    internal void AddField(string name, string value) => _fields.TryAdd(name, value);

    internal void SetFile(string? fileName, Stream file, long length)
    {
        FileName = fileName;
        File = file;
        FileLength = length;
    }
}
