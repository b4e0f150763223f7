using IloBackup.Durability;

namespace IloBackup.Redfish.Downloads;

/// <summary>A download into one file path: staged beside it, renamed once, the rename made durable.</summary>
public sealed class FileSink : DownloadSink
{
    private readonly string _destination;
    private readonly bool _overwrite;

    public FileSink(string destinationPath, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        _destination = Path.GetFullPath(destinationPath);
        _overwrite = overwrite;
        if (!overwrite && File.Exists(_destination))
        {
            throw new IOException($"{_destination} already exists");
        }
    }

    public string FilePath => _destination;

    protected internal override string StagingDirectory => Path.GetDirectoryName(_destination) ?? ".";

    protected override string StagingName() => $".{Path.GetFileName(_destination)}.{Guid.NewGuid():N}.partial";

    public override string ToString() => Path.GetFileName(_destination);

    /// <summary>Renames the received file into place and fsyncs its folder.</summary>
    public void Commit()
    {
        MoveReceived(_destination, _overwrite);
        DirectorySync.Flush(StagingDirectory);
    }
}
