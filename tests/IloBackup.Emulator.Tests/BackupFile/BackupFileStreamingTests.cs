using System.IO.Pipelines;
using System.Security.Cryptography;
using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>Writer and reader stream: neither ever holds more than a chunk or so of the file.</summary>
public class BackupFileStreamingTests
{
    private const int ChunkSize = 64 * 1024;
    private const long PayloadLength = 64L * 1024 * 1024;

    [Fact]
    public async Task Writer_emits_each_chunk_as_soon_as_it_is_full()
    {
        var destination = new CountingStream(Stream.Null);
        await using var writer = await BackupFileCodec.CreateAsync(destination, BackupFileSamples.Origin, BackupFileSamples.CreatedAt);
        var piece = new byte[10_000];
        long written = 0;

        while (written < 4 * 1024 * 1024)
        {
            await writer.WriteAsync(piece);
            written += piece.Length;
            var sealedPayload = destination.BytesWritten - writer.Header.HeaderLength;
            Assert.True(sealedPayload >= written - ChunkSize, $"{written} payload bytes written, only {sealedPayload} reached the file");
        }

        await writer.CompleteAsync();
    }

    [Fact]
    public async Task Reader_consumes_at_most_one_chunk_ahead_of_what_it_returns()
    {
        var file = await BackupFileSamples.WriteAsync(BackupFileSamples.Payload(1024 * 1024), new BackupFileWriteOptions());
        var source = new CountingStream(new MemoryStream(file));
        await using var reader = await BackupFileCodec.OpenAsync(source);
        var buffer = new byte[7_000];

        while (await reader.ReadAsync(buffer) > 0)
        {
            var ahead = source.BytesRead - reader.Header.HeaderLength - reader.PayloadRead;
            Assert.True(ahead <= ChunkSize + 16 + 16, $"read {ahead} bytes ahead of the payload returned");
        }
    }

    [Fact]
    public async Task A_64_MiB_payload_streams_through_a_small_pipe()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024));
        using var sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        var writing = Task.Run(async () =>
        {
            await using var output = pipe.Writer.AsStream();
            await using var writer = await BackupFileCodec.CreateAsync(output, BackupFileSamples.Origin, BackupFileSamples.CreatedAt, leaveOpen: true);
            var random = new Random(5);
            var piece = new byte[100_000];
            for (long sent = 0; sent < PayloadLength; sent += piece.Length)
            {
                var length = (int)Math.Min(piece.Length, PayloadLength - sent);
                random.NextBytes(piece);
                sentHash.AppendData(piece, 0, length);
                await writer.WriteAsync(piece.AsMemory(0, length));
            }

            await writer.CompleteAsync();
        });

        long received = 0;
        await using (var input = pipe.Reader.AsStream())
        await using (var reader = await BackupFileCodec.OpenAsync(input, leaveOpen: true))
        {
            var buffer = new byte[81_920];
            int n;
            while ((n = await reader.ReadAsync(buffer)) > 0)
            {
                receivedHash.AppendData(buffer, 0, n);
                received += n;
            }

            Assert.True(reader.IsComplete);
        }

        await writing;
        Assert.Equal(PayloadLength, received);
        Assert.Equal(sentHash.GetHashAndReset(), receivedHash.GetHashAndReset());
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesWritten { get; private set; }

        public long BytesRead { get; private set; }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            BytesWritten += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            BytesWritten += buffer.Length;
        }
    }
}
