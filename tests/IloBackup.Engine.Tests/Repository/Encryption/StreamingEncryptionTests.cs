using System.Security.Cryptography;
using IloBackup.Engine.Repository.Encryption;
using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Tests.Repository.Encryption;

public sealed class StreamingEncryptionTests : IDisposable
{
    private readonly RepositoryKey _key = RepositoryKey.Generate();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void No_byte_of_a_damaged_segment_is_returned_and_earlier_segments_are()
    {
        var plaintext = Sealed.Random((2 * F.SegmentSize) + 10);
        var damaged = Sealed.Flip(Sealed.Encrypt(_key, plaintext), Sealed.SegmentOffset(1) + 5);
        using var decrypting = new DecryptingStream(_key, new MemoryStream(damaged));

        var first = new byte[F.SegmentSize];
        decrypting.ReadExactly(first);
        var next = new byte[100];
        Assert.Throws<ObjectDecryptionException>(() => decrypting.ReadAtLeast(next, 1));

        Assert.Equal(plaintext[..F.SegmentSize], first);
        Assert.All(next, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_damaged_first_segment_throws_on_the_first_read_with_nothing_returned()
    {
        var damaged = Sealed.Flip(Sealed.Encrypt(_key, Sealed.Random(5000)), F.HeaderSize + 1);
        await using var decrypting = new DecryptingStream(_key, new MemoryStream(damaged));

        var buffer = new byte[8000];
        await Assert.ThrowsAsync<ObjectDecryptionException>(async () => await decrypting.ReadAtLeastAsync(buffer, 1));

        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Once_an_object_is_found_bad_every_later_read_fails_too()
    {
        var damaged = Sealed.Flip(Sealed.Encrypt(_key, Sealed.Random(3 * F.SegmentSize)), Sealed.SegmentOffset(1));
        await using var decrypting = new DecryptingStream(_key, new MemoryStream(damaged));
        var buffer = new byte[F.SegmentSize];
        await decrypting.ReadExactlyAsync(buffer);

        var first = await Assert.ThrowsAsync<ObjectDecryptionException>(async () => await decrypting.ReadAtLeastAsync(buffer, 1));
        var again = Assert.Throws<ObjectDecryptionException>(() => decrypting.ReadAtLeast(buffer, 1));

        Assert.Equal(DecryptionFailure.Damaged, again.Failure);
        Assert.Equal(first.Message, again.Message);
    }

    [Fact]
    public async Task The_asynchronous_read_refuses_the_same_damage()
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random((2 * F.SegmentSize) + 77));
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(Sealed.SegmentOffset(0), F.SealedSegmentSize).CopyTo(swapped.AsSpan(Sealed.SegmentOffset(1)));
        ciphertext.AsSpan(Sealed.SegmentOffset(1), F.SealedSegmentSize).CopyTo(swapped.AsSpan(Sealed.SegmentOffset(0)));
        using var other = RepositoryKey.Generate();

        foreach (var bad in new[] { swapped, ciphertext[..Sealed.SegmentOffset(2)], [.. ciphertext, 0], Sealed.Flip(ciphertext, 30) })
        {
            var e = await Assert.ThrowsAsync<ObjectDecryptionException>(() => Sealed.DecryptAsync(_key, bad));
            Assert.Equal(DecryptionFailure.Damaged, e.Failure);
        }

        var wrong = await Assert.ThrowsAsync<ObjectDecryptionException>(() => Sealed.DecryptAsync(other, ciphertext));
        Assert.Equal(DecryptionFailure.WrongKey, wrong.Failure);
        Assert.Equal((2 * F.SegmentSize) + 77, (await Sealed.DecryptAsync(_key, ciphertext)).Length);
    }

    [Fact]
    public void A_writer_disposed_without_completing_leaves_an_object_that_is_refused()
    {
        foreach (var size in new[] { 0, 10, F.SegmentSize, (3 * F.SegmentSize) + 1 })
        {
            using var output = new MemoryStream();
            using (var encrypting = new EncryptingStream(_key, output, leaveOpen: true))
            {
                encrypting.Write(Sealed.Random(size));
            }

            Assert.Throws<ObjectDecryptionException>(() => Sealed.Decrypt(_key, output.ToArray()));
        }
    }

    [Fact]
    public void Nothing_can_be_written_after_the_last_segment()
    {
        using var output = new MemoryStream();
        using var encrypting = new EncryptingStream(_key, output, leaveOpen: true);
        encrypting.Write(new byte[10]);
        encrypting.Complete();

        Assert.Throws<InvalidOperationException>(() => encrypting.Write(new byte[1]));
        Assert.Throws<InvalidOperationException>(encrypting.Complete);
        Assert.False(encrypting.CanWrite);
        Assert.Equal(10, encrypting.PlaintextLength);
    }

    [Fact]
    public void Writes_of_any_size_give_the_same_plaintext_back()
    {
        var plaintext = Sealed.Random((4 * F.SegmentSize) + 333);
        using var output = new MemoryStream();
        using (var encrypting = new EncryptingStream(_key, output, leaveOpen: true))
        {
            var offset = 0;
            var step = 1;
            while (offset < plaintext.Length)
            {
                var take = Math.Min(step, plaintext.Length - offset);
                encrypting.Write(plaintext, offset, take);
                offset += take;
                step = (step * 7) + 3;
                step %= 3 * F.SegmentSize;
            }

            encrypting.Complete();
        }

        Assert.Equal(plaintext, Sealed.Decrypt(_key, output.ToArray()));
    }

    [Fact]
    public async Task Digest_rehashes_the_plaintext_for_verify_and_the_name_follows_from_it()
    {
        var plaintext = Sealed.Random(200_000);
        var ciphertext = await Sealed.EncryptAsync(_key, plaintext);
        var sha = Convert.ToHexStringLower(SHA256.HashData(plaintext));

        var digest = await ObjectEncryption.DigestAsync(_key, new MemoryStream(ciphertext), CancellationToken.None);

        Assert.Equal(sha, digest.Sha256);
        Assert.Equal(plaintext.Length, digest.Length);
        Assert.Equal(_key.ObjectName(sha), _key.ObjectName(digest.Sha256));
    }

    [Fact]
    public void A_256_MiB_stream_is_encrypted_and_decrypted_with_bounded_allocation()
    {
        const long size = 256L * 1024 * 1024;
        var path = Path.Combine(Path.GetTempPath(), $"ilobackup-enc-{Guid.NewGuid():N}");
        try
        {
            var source = new PatternStream(size);
            var before = GC.GetAllocatedBytesForCurrentThread();
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            using (var encrypting = new EncryptingStream(_key, file))
            {
                source.CopyTo(encrypting, F.SegmentSize);
                encrypting.Complete();
            }

            var encryptAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(F.CiphertextLength(size), new FileInfo(path).Length);

            before = GC.GetAllocatedBytesForCurrentThread();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var decrypting = new DecryptingStream(_key, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None)))
            {
                var buffer = new byte[F.SegmentSize];
                int read;
                while ((read = decrypting.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }

            var decryptAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(source.Sha256(), hash.GetHashAndReset());

            // Two segment buffers each way (≈ 130 KiB) plus small objects: far below 1 MiB for 256 MiB of data.
            Assert.InRange(encryptAllocated, 0, 1024 * 1024);
            Assert.InRange(decryptAllocated, 0, 1024 * 1024);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
