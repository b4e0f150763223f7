namespace IloBackup.Cli.Tests.Crash;

/// <summary>Reads <paramref name="data"/>, calling <paramref name="kill"/> (if any) once <paramref name="killAt"/> bytes have been handed out.</summary>
internal sealed class KillingStream(byte[] data, int killAt, Action? kill) : Stream
{
    private Action? _kill = kill;
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var limit = _kill is null ? data.Length : Math.Max(_position + 1, killAt);
        var read = Math.Min(buffer.Length, Math.Min(limit, data.Length) - _position);
        if (read <= 0)
        {
            return 0;
        }

        data.AsSpan(_position, read).CopyTo(buffer);
        _position += read;
        if (_kill is { } action && _position >= killAt)
        {
            _kill = null;
            action();
        }

        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
