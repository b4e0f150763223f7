using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// A write-only stream: plaintext written to it goes to <c>destination</c> as an encrypted object
/// (<see cref="EncryptedObjectFormat"/>), one 64 KiB segment at a time, so memory stays at two
/// segment buffers whatever the size. A full segment is sealed only once a byte after it arrives,
/// since whether a segment is the last one is part of what is sealed.
/// <para>
/// <see cref="CompleteAsync"/> (or <see cref="Complete"/>) seals the last segment. Disposing without
/// completing leaves the object without its last segment, and reading it fails: a write cut short
/// (an aborted download, a crash) never becomes a valid but shorter object.
/// </para>
/// </summary>
public sealed class EncryptingStream : Stream
{
    private readonly Stream destination;
    private readonly bool leaveOpen;
    private readonly SegmentCipher cipher;
    private readonly byte[] plaintext = new byte[F.SegmentSize];
    private readonly byte[] sealedSegment = new byte[F.HeaderSize + F.SealedSegmentSize];
    private int filled;
    private long index;
    private bool headerWritten;
    private bool completed;
    private bool disposed;

    public EncryptingStream(RepositoryKey key, Stream destination, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(destination);
        this.destination = destination;
        this.leaveOpen = leaveOpen;
        cipher = SegmentCipher.ForNewObject(key);
    }

    /// <summary>Plaintext bytes written so far.</summary>
    public long PlaintextLength { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !disposed && !completed;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckWritable();
        while (!buffer.IsEmpty)
        {
            if (filled == F.SegmentSize)
            {
                destination.Write(SealFull().Span);
            }

            var take = Math.Min(buffer.Length, F.SegmentSize - filled);
            buffer[..take].CopyTo(plaintext.AsSpan(filled));
            filled += take;
            PlaintextLength += take;
            buffer = buffer[take..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckWritable();
        while (!buffer.IsEmpty)
        {
            if (filled == F.SegmentSize)
            {
                await destination.WriteAsync(SealFull(), cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(buffer.Length, F.SegmentSize - filled);
            buffer.Span[..take].CopyTo(plaintext.AsSpan(filled));
            filled += take;
            PlaintextLength += take;
            buffer = buffer[take..];
        }
    }

    /// <summary>Seals and writes the last segment and flushes the destination; no write may follow.</summary>
    public void Complete()
    {
        CheckWritable();
        destination.Write(SealLast().Span);
        destination.Flush();
    }

    /// <inheritdoc cref="Complete"/>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        CheckWritable();
        await destination.WriteAsync(SealLast(), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes the destination; a partly filled segment stays buffered until it is full or the last.</summary>
    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            cipher.Dispose();
            if (!leaveOpen)
            {
                await destination.DisposeAsync().ConfigureAwait(false);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            cipher.Dispose();
            if (!leaveOpen)
            {
                destination.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The sealed full segment (after the header, the first time), ready to write.</summary>
    private ReadOnlyMemory<byte> SealFull() => Seal(last: false);

    private ReadOnlyMemory<byte> SealLast()
    {
        completed = true;
        return Seal(last: true);
    }

    private ReadOnlyMemory<byte> Seal(bool last)
    {
        // The header goes out with the first segment, in the same write.
        var start = 0;
        if (!headerWritten)
        {
            headerWritten = true;
            cipher.Header.CopyTo(sealedSegment);
            start = F.HeaderSize;
        }

        cipher.Seal(index++, last, plaintext.AsSpan(0, filled), sealedSegment.AsSpan(start));
        var length = start + filled + F.TagSize;
        filled = 0;
        return sealedSegment.AsMemory(0, length);
    }

    private void CheckWritable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (completed)
        {
            throw new InvalidOperationException("the encrypted object is complete; nothing can be written after its last segment");
        }
    }
}
