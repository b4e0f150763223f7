using System.Security.Cryptography;

namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// Read-only stream of a backup file's payload. Each chunk is authenticated before any of its bytes
/// are returned, so a consumer never sees unauthenticated data; it holds one chunk at a time.
/// Reading to the end proves the file whole: a missing, reordered, cut or extra chunk throws a
/// <see cref="BackupFileException"/> at the point it is detected. A consumer that must not act on
/// part of a file reads it to the end first (see <see cref="BackupFileCodec.VerifyAsync"/>).
/// </summary>
public sealed class BackupFileReadStream : Stream
{
    private readonly Stream _source;
    private readonly bool _leaveOpen;
    private readonly byte[] _aad;
    private readonly byte[] _noncePrefix;
    private readonly AesGcm _aes;
    private readonly byte[] _sealed;
    private readonly byte[] _plain;
    private int _plainOffset;
    private int _plainCount;
    private uint _counter;
    private long _paddingRemaining;
    private bool _finished;
    private bool _disposed;

    internal BackupFileReadStream(Stream source, bool leaveOpen, BackupFileHeader header, byte[] headerBytes, BackupFileKeys keys)
    {
        _source = source;
        _leaveOpen = leaveOpen;
        Header = header;
        _aad = headerBytes;
        _noncePrefix = header.NoncePrefix;
        _aes = new AesGcm(keys.ChunkKey, BackupFileFormat.TagLength);
        _sealed = new byte[header.ChunkSize + BackupFileFormat.TagLength];
        _plain = new byte[header.ChunkSize];
        _paddingRemaining = header.PaddingLength;
    }

    /// <summary>The authenticated header.</summary>
    public BackupFileHeader Header { get; }

    /// <summary>Payload bytes returned so far.</summary>
    public long PayloadRead { get; private set; }

    /// <summary>True once the final chunk has been authenticated.</summary>
    public bool IsComplete => _finished;

    public override bool CanRead => !_disposed;

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_plainOffset == _plainCount)
        {
            if (_finished)
            {
                return 0;
            }

            var read = _source.ReadAtLeast(_sealed, _sealed.Length, throwOnEndOfStream: false);
            OpenChunk(read);
        }

        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_plainOffset == _plainCount)
        {
            if (_finished)
            {
                return 0;
            }

            var read = await _source.ReadAtLeastAsync(_sealed, _sealed.Length, throwOnEndOfStream: false, cancellationToken);
            OpenChunk(read);
        }

        return Take(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            if (!_leaveOpen)
            {
                _source.Dispose();
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
                await _source.DisposeAsync();
            }
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _plainCount - _plainOffset);
        _plain.AsSpan(_plainOffset, count).CopyTo(buffer);
        _plainOffset += count;
        PayloadRead += count;
        return count;
    }

    /// <summary>Authenticates and decrypts the <paramref name="read"/> bytes just read into <see cref="_sealed"/>.</summary>
    private void OpenChunk(int read)
    {
        // A full-length chunk is never the final one (the writer keeps the final chunk shorter than
        // ChunkSize), so the length alone tells which nonce to use; EOF right after a full chunk
        // means the final chunk was cut off.
        var final = read < _sealed.Length;
        if (read < BackupFileFormat.TagLength)
        {
            throw new BackupFileException(BackupFileRefusal.Truncated, "The backup file ends before its final chunk.");
        }

        if (!final && _counter == uint.MaxValue)
        {
            throw new BackupFileException(BackupFileRefusal.Tampered, "The backup file has more chunks than the format allows.");
        }

        Span<byte> nonce = stackalloc byte[BackupFileFormat.NonceLength];
        BackupFileFormat.ChunkNonce(_noncePrefix, _counter, final, nonce);
        var length = read - BackupFileFormat.TagLength;
        try
        {
            _aes.Decrypt(nonce, _sealed.AsSpan(0, length), _sealed.AsSpan(length, BackupFileFormat.TagLength), _plain.AsSpan(0, length), _aad);
        }
        catch (AuthenticationTagMismatchException e)
        {
            CryptographicOperations.ZeroMemory(_plain);
            throw new BackupFileException(
                BackupFileRefusal.Tampered,
                $"Chunk {_counter} of the backup file fails authentication: the file was modified, reordered or cut short.",
                e);
        }

        _counter++;
        _finished = final;
        _plainOffset = 0;
        _plainCount = length;
        if (_paddingRemaining > 0)
        {
            var skip = (int)Math.Min(_paddingRemaining, length);
            _paddingRemaining -= skip;
            _plainOffset = skip;
        }

        if (_finished && _paddingRemaining > 0)
        {
            throw new BackupFileException(BackupFileRefusal.Tampered, "The backup file ends inside its padding.");
        }
    }
}
