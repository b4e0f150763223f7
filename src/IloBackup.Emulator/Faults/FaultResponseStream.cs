using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// A download's body as a sick iLO sends it: at most half of the announced Content-Length
/// (<see cref="Truncate"/>), cut off by a dropped connection after some bytes (<see cref="CutAfter"/>),
/// or trickling at <see cref="BytesPerSecond"/> (on the iLO's clock).
/// </summary>
internal sealed class FaultResponseStream(Stream inner, HttpContext context, TimeProvider time) : Stream
{
    private long _written;

    public bool Truncate { get; init; }

    public long? CutAfter { get; init; }

    public double? BytesPerSecond { get; init; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var limit = Limit();
        while (!buffer.IsEmpty)
        {
            if (_written >= limit)
            {
                if (CutAfter is not null && !Truncate)
                {
                    await inner.FlushAsync(cancellationToken);
                    context.Abort();
                    throw new OperationCanceledException("connection reset by the fault", context.RequestAborted);
                }

                return; // truncated: the rest is never sent
            }

            var chunk = (int)Math.Min(buffer.Length, limit - _written);
            if (BytesPerSecond is { } rate)
            {
                chunk = (int)Math.Min(chunk, Math.Max(1, rate / 8));
            }

            await inner.WriteAsync(buffer[..chunk], cancellationToken);
            _written += chunk;
            buffer = buffer[chunk..];
            if (BytesPerSecond is { } speed)
            {
                await inner.FlushAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(chunk / speed), time, cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous writes only");

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => throw new NotSupportedException("asynchronous writes only");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private long Limit()
    {
        var limit = long.MaxValue;
        if (Truncate)
        {
            limit = (context.Response.ContentLength ?? 2) / 2;
        }

        if (CutAfter is { } cut)
        {
            limit = Math.Min(limit, cut);
        }

        return limit;
    }
}
