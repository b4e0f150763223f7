using Amazon.Runtime;

namespace IloBackup.Engine.Repository.S3;

/// <summary>
/// An object's body as the SDK streams it, with the SDK's own end-of-body check (its hash against the store's
/// checksum) told as what it means: the stored bytes are damaged (<see cref="InvalidDataException"/>, naming the
/// object), so a reader reports a damaged object instead of an SDK message. Owns the response.
/// </summary>
internal sealed class S3BodyStream(Amazon.S3.Model.GetObjectResponse response, string location) : Stream
{
    private readonly Stream _inner = response.ResponseStream;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => response.ContentLength;
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (AmazonClientException ex)
        {
            throw Damaged(ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException ex)
        {
            throw Damaged(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }

        base.Dispose(disposing);
    }

    private InvalidDataException Damaged(AmazonClientException ex) =>
        new($"the object {location} is damaged: its bytes do not match the checksum the store keeps ({ex.Message})", ex);
}
