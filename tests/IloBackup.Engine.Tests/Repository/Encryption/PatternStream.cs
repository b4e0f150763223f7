using System.Security.Cryptography;

namespace IloBackup.Engine.Tests.Repository.Encryption;

/// <summary>
/// A read-only stream of <c>length</c> bytes made of one random 64 KiB block repeated with each
/// block's number mixed in, so no two blocks are equal; it allocates nothing per read.
/// </summary>
internal sealed class PatternStream(long length) : Stream
{
    private readonly byte[] _block = RandomNumberGenerator.GetBytes(64 * 1024);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of the whole stream, computed separately.</summary>
    public byte[] Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[_block.Length];
        for (long at = 0; at < length; at += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - at);
            Fill(at, buffer.AsSpan(0, count));
            hash.AppendData(buffer, 0, count);
        }

        return hash.GetHashAndReset();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        Fill(_position, buffer[..count]);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Fill(long at, Span<byte> target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            var p = at + i;
            var inBlock = (int)(p % _block.Length);
            target[i] = (byte)(_block[inBlock] ^ (byte)(p / _block.Length));
        }
    }
}
