namespace IloBackup.Emulator.Ilo;

/// <summary>
/// Writes one NAND file. Nothing is visible until <see cref="Commit"/>; disposing without
/// committing discards what was written.
/// </summary>
public sealed class NandFileWriter : IAsyncDisposable, IDisposable
{
    private readonly Action<Stream> _commit;
    private readonly Action? _discard;
    private bool _done;

    internal NandFileWriter(Stream stream, Action<Stream> commit, Action? discard)
    {
        Stream = stream;
        _commit = commit;
        _discard = discard;
    }

    /// <summary>Where to write the bytes.</summary>
    public Stream Stream { get; }

    /// <summary>Makes the file visible (atomically replacing an older file of the same name).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Stream.Flush();
        _commit(Stream);
        _done = true;
        Stream.Dispose();
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        Stream.Dispose();
        _discard?.Invoke();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
