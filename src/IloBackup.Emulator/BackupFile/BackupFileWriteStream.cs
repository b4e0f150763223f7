using System.Security.Cryptography;

namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// Write-only stream that seals the payload into a backup file chunk by chunk: it never holds more
/// than one chunk. Call <see cref="CompleteAsync"/> to write the final chunk; a stream disposed
/// without it leaves a file that every reader refuses as truncated.
/// </summary>
public sealed class BackupFileWriteStream : Stream
{
    private readonly Stream _destination;
    private readonly bool _leaveOpen;
    private readonly byte[] _aad;
    private readonly byte[] _noncePrefix;
    private readonly AesGcm _aes;
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private int _filled;
    private uint _counter;
    private bool _completed;
    private bool _disposed;

    internal BackupFileWriteStream(Stream destination, bool leaveOpen, BackupFileHeader header, byte[] headerBytes, BackupFileKeys keys)
    {
        _destination = destination;
        _leaveOpen = leaveOpen;
        Header = header;
        _aad = headerBytes;
        _noncePrefix = header.NoncePrefix;
        _aes = new AesGcm(keys.ChunkKey, BackupFileFormat.TagLength);
        _plain = new byte[header.ChunkSize];
        _sealed = new byte[header.ChunkSize + BackupFileFormat.TagLength];
    }

    /// <summary>The header written at the start of the file.</summary>
    public BackupFileHeader Header { get; }

    /// <summary>Payload bytes written so far (padding excluded).</summary>
    public long PayloadLength { get; private set; }

    /// <summary>Bytes written to the destination so far.</summary>
    public long FileLength { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed && !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureWritable();
        PayloadLength += buffer.Length;
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..take].CopyTo(_plain.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _plain.Length)
            {
                var length = SealChunk(final: false);
                _destination.Write(_sealed, 0, length);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        PayloadLength += buffer.Length;
        await WriteSealedAsync(buffer, cancellationToken);
    }

    /// <summary>Seals the last (possibly empty) chunk as final and flushes the destination.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        var length = SealChunk(final: true);
        await _destination.WriteAsync(_sealed.AsMemory(0, length), cancellationToken);
        await _destination.FlushAsync(cancellationToken);
        _completed = true;
    }

    /// <summary>Flushes the destination; a partial chunk stays buffered until it fills or the file completes.</summary>
    public override void Flush() => _destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    internal async Task WritePaddingAsync(long length, CancellationToken cancellationToken)
    {
        var zeros = new byte[Math.Min(length, _plain.Length)];
        while (length > 0)
        {
            var take = (int)Math.Min(length, zeros.Length);
            await WriteSealedAsync(zeros.AsMemory(0, take), cancellationToken);
            length -= take;
        }
    }

    internal async Task WriteHeaderAsync(CancellationToken cancellationToken)
    {
        await _destination.WriteAsync(_aad, cancellationToken);
        FileLength += _aad.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            if (!_leaveOpen)
            {
                _destination.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            if (!_leaveOpen)
            {
                await _destination.DisposeAsync();
            }
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async ValueTask WriteSealedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..take].CopyTo(_plain.AsMemory(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _plain.Length)
            {
                var length = SealChunk(final: false);
                await _destination.WriteAsync(_sealed.AsMemory(0, length), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Encrypts the buffered plaintext into <see cref="_sealed"/>. A full chunk is never final: the
    /// final chunk always holds fewer than ChunkSize bytes (possibly none), so a reader can tell it
    /// apart by its length alone.
    /// </summary>
    private int SealChunk(bool final)
    {
        if (_counter == uint.MaxValue)
        {
            throw new InvalidOperationException("The payload exceeds the format's chunk count.");
        }

        Span<byte> nonce = stackalloc byte[BackupFileFormat.NonceLength];
        BackupFileFormat.ChunkNonce(_noncePrefix, _counter, final, nonce);
        var length = _filled;
        _aes.Encrypt(
            nonce,
            _plain.AsSpan(0, length),
            _sealed.AsSpan(0, length),
            _sealed.AsSpan(length, BackupFileFormat.TagLength),
            _aad);
        _counter++;
        _filled = 0;
        FileLength += length + BackupFileFormat.TagLength;
        return length + BackupFileFormat.TagLength;
    }

    private void EnsureWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The backup file is already complete.");
        }
    }
}
