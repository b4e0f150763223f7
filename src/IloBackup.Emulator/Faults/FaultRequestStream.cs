using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Faults;

/// <summary>An upload's body that the iLO drops the connection on after <c>cutAfter</c> bytes.</summary>
internal sealed class FaultRequestStream(Stream inner, long cutAfter, HttpContext context) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_read >= cutAfter)
        {
            context.Abort();
            throw new OperationCanceledException("connection reset by the fault", context.RequestAborted);
        }

        var wanted = (int)Math.Min(buffer.Length, cutAfter - _read);
        var read = await inner.ReadAsync(buffer[..wanted], cancellationToken);
        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous reads only");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
