using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// A read-only stream over an encrypted object that yields its plaintext. Each segment is
/// authenticated whole before any of its bytes are returned; any failure (wrong key, altered,
/// reordered, cut or extended object) throws <see cref="ObjectDecryptionException"/>. The end of the
/// object is known by reading one byte ahead, so memory stays at one sealed and one plain segment.
/// The header is read and checked on the first read.
/// </summary>
public sealed class DecryptingStream : Stream
{
    private readonly RepositoryKey key;
    private readonly Stream source;
    private readonly bool leaveOpen;

    // One sealed segment plus the byte after it, which tells whether the segment is the last.
    private readonly byte[] sealedSegment = new byte[F.SealedSegmentSize + 1];
    private readonly byte[] plaintext = new byte[F.SegmentSize];
    private SegmentCipher? cipher;
    private ObjectDecryptionException? failure;
    private int sealedFilled;
    private int plainStart;
    private int plainEnd;
    private long index;
    private bool finished;
    private bool disposed;

    public DecryptingStream(RepositoryKey key, Stream source, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(source);
        this.key = key;
        this.source = source;
        this.leaveOpen = leaveOpen;
    }

    public override bool CanRead => !disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ThrowIfFailed();
        while (plainStart == plainEnd && !finished && !buffer.IsEmpty)
        {
            if (cipher is null)
            {
                var header = new byte[F.HeaderSize];
                cipher = Remembered(() => SegmentCipher.ForHeader(key, header.AsSpan(0, source.ReadAtLeast(header, F.HeaderSize, throwOnEndOfStream: false))));
            }

            while (sealedFilled < sealedSegment.Length)
            {
                var read = source.Read(sealedSegment, sealedFilled, sealedSegment.Length - sealedFilled);
                if (read == 0)
                {
                    break;
                }

                sealedFilled += read;
            }

            OpenSegment();
        }

        return Copy(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ThrowIfFailed();
        while (plainStart == plainEnd && !finished && !buffer.IsEmpty)
        {
            if (cipher is null)
            {
                var header = new byte[F.HeaderSize];
                var got = await source.ReadAtLeastAsync(header, F.HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                cipher = Remembered(() => SegmentCipher.ForHeader(key, header.AsSpan(0, got)));
            }

            while (sealedFilled < sealedSegment.Length)
            {
                var read = await source.ReadAsync(sealedSegment.AsMemory(sealedFilled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                sealedFilled += read;
            }

            OpenSegment();
        }

        return Copy(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            cipher?.Dispose();
            if (!leaveOpen)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            cipher?.Dispose();
            if (!leaveOpen)
            {
                source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Authenticates and decrypts the buffered segment. With the byte after a full segment at hand it
    /// is not the last; with the source at its end, what is buffered is the last segment.
    /// </summary>
    private void OpenSegment()
    {
        var last = sealedFilled < sealedSegment.Length;
        var length = last ? sealedFilled : F.SealedSegmentSize;
        try
        {
            cipher!.Open(index, last, sealedSegment.AsSpan(0, length), plaintext);
        }
        catch (ObjectDecryptionException e)
        {
            failure = e;
            throw;
        }

        index++;
        plainStart = 0;
        plainEnd = length - F.TagSize;
        if (last)
        {
            finished = true;
            sealedFilled = 0;
        }
        else
        {
            sealedSegment[0] = sealedSegment[F.SealedSegmentSize];
            sealedFilled = 1;
        }
    }

    /// <summary>Runs a step that may find the object bad; once it has, every later read throws the same failure.</summary>
    private T Remembered<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ObjectDecryptionException e)
        {
            failure = e;
            throw;
        }
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
        {
            throw new ObjectDecryptionException(failure.Failure, failure.Message, failure);
        }
    }

    private int Copy(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, plainEnd - plainStart);
        plaintext.AsSpan(plainStart, count).CopyTo(buffer);
        plainStart += count;
        return count;
    }
}
