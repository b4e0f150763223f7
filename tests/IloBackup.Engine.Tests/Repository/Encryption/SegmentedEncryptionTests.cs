using System.Security.Cryptography;
using IloBackup.Engine.Repository.Encryption;
using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Tests.Repository.Encryption;

public sealed class SegmentedEncryptionTests : IDisposable
{
    private readonly RepositoryKey _key = RepositoryKey.Generate();

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(F.SegmentSize - 1)]
    [InlineData(F.SegmentSize)]
    [InlineData(F.SegmentSize + 1)]
    [InlineData((3 * 1024 * 1024) + 12345)]
    public async Task Round_trip_gives_back_the_same_bytes(int size)
    {
        var plaintext = Sealed.Random(size);

        var viaWrite = Sealed.Encrypt(_key, plaintext);
        var viaCopy = await Sealed.EncryptAsync(_key, plaintext);

        Assert.Equal(F.CiphertextLength(size), viaWrite.Length);
        Assert.Equal(F.CiphertextLength(size), viaCopy.Length);
        Assert.Equal(SHA256.HashData(plaintext), SHA256.HashData(Sealed.Decrypt(_key, viaWrite)));
        Assert.Equal(SHA256.HashData(plaintext), SHA256.HashData(await Sealed.DecryptAsync(_key, viaCopy)));
    }

    [Fact]
    public void An_empty_file_is_a_header_and_one_empty_last_segment()
    {
        var ciphertext = Sealed.Encrypt(_key, []);

        Assert.Equal(F.HeaderSize + F.TagSize, ciphertext.Length);
        Assert.True(F.LooksEncrypted(ciphertext));
        Assert.Empty(Sealed.Decrypt(_key, ciphertext));
        var headerOnly = ciphertext[..F.HeaderSize];
        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, headerOnly).Failure);
    }

    [Fact]
    public void The_same_file_encrypts_differently_each_time_and_plaintext_does_not_show()
    {
        var plaintext = new byte[3 * F.SegmentSize];

        var first = Sealed.Encrypt(_key, plaintext);
        var second = Sealed.Encrypt(_key, plaintext);

        Assert.NotEqual(first.AsSpan(F.SaltOffset, F.SaltSize).ToArray(), second.AsSpan(F.SaltOffset, F.SaltSize).ToArray());
        Assert.NotEqual(first[F.HeaderSize..], second[F.HeaderSize..]);
        Assert.True(first.AsSpan(F.HeaderSize).ContainsAnyExcept((byte)0));
        Assert.NotEqual(first.AsSpan(Sealed.SegmentOffset(0), 64).ToArray(), first.AsSpan(Sealed.SegmentOffset(1), 64).ToArray());
    }

    [Theory]
    [InlineData(0)] // magic
    [InlineData(F.VersionOffset)]
    [InlineData(F.KeyIdOffset + 3)]
    [InlineData(F.SaltOffset + 5)]
    [InlineData(F.HeaderSize)] // first ciphertext byte of segment 0
    [InlineData(F.HeaderSize + F.SegmentSize + 2)] // tag of segment 0
    [InlineData(F.HeaderSize + F.SealedSegmentSize + 100)] // segment 1
    public void A_flipped_bit_anywhere_is_refused(int offset)
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random((2 * F.SegmentSize) + 10));

        var failure = Sealed.Refused(_key, Sealed.Flip(ciphertext, offset)).Failure;

        var expected = offset switch
        {
            < F.VersionOffset => DecryptionFailure.NotEncrypted,
            < F.KeyIdOffset => DecryptionFailure.UnsupportedVersion,
            < F.SaltOffset => DecryptionFailure.WrongKey,
            _ => DecryptionFailure.Damaged,
        };
        Assert.Equal(expected, failure);
    }

    [Fact]
    public void Last_tag_byte_flipped_is_refused()
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random(F.SegmentSize + 10));

        var e = Sealed.Refused(_key, Sealed.Flip(ciphertext, ciphertext.Length - 1));

        Assert.Equal(DecryptionFailure.Damaged, e.Failure);
        Assert.Contains("segment 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_segments_swapped_are_refused()
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random(3 * F.SegmentSize));
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(Sealed.SegmentOffset(0), F.SealedSegmentSize).CopyTo(swapped.AsSpan(Sealed.SegmentOffset(1)));
        ciphertext.AsSpan(Sealed.SegmentOffset(1), F.SealedSegmentSize).CopyTo(swapped.AsSpan(Sealed.SegmentOffset(0)));

        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, swapped).Failure);
    }

    [Fact]
    public void A_duplicated_or_dropped_segment_is_refused()
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random((2 * F.SegmentSize) + 5));
        var first = ciphertext.AsSpan(Sealed.SegmentOffset(0), F.SealedSegmentSize).ToArray();
        byte[] duplicated = [.. ciphertext.AsSpan(0, Sealed.SegmentOffset(1)), .. first, .. ciphertext.AsSpan(Sealed.SegmentOffset(1))];
        byte[] dropped = [.. ciphertext.AsSpan(0, Sealed.SegmentOffset(0)), .. ciphertext.AsSpan(Sealed.SegmentOffset(1))];

        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, duplicated).Failure);
        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, dropped).Failure);
    }

    [Theory]
    [InlineData(1)] // cut at the boundary after segment 0: segment 0 was not sealed as the last
    [InlineData(2)] // cut at the boundary after segment 1
    public void A_file_cut_at_a_segment_boundary_is_refused(int segmentsKept)
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random((2 * F.SegmentSize) + 300));

        var cut = ciphertext[..Sealed.SegmentOffset(segmentsKept)];

        var e = Sealed.Refused(_key, cut);
        Assert.Equal(DecryptionFailure.Damaged, e.Failure);
        Assert.Contains($"segment {segmentsKept - 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_whole_segments_cut_after_its_full_last_but_one_is_refused()
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random(2 * F.SegmentSize));
        Assert.Equal(Sealed.SegmentOffset(2), ciphertext.Length);

        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, ciphertext[..Sealed.SegmentOffset(1)]).Failure);
        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, ciphertext[..^1]).Failure);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(100, F.SealedSegmentSize)]
    [InlineData(F.SegmentSize, 1)]
    [InlineData(F.SegmentSize, F.TagSize)]
    public void Bytes_after_the_last_segment_are_refused(int size, int garbage)
    {
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random(size));

        byte[] extended = [.. ciphertext, .. Sealed.Random(garbage)];

        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, extended).Failure);
    }

    [Fact]
    public void A_segment_spliced_in_from_another_object_under_the_same_key_is_refused()
    {
        var one = Sealed.Encrypt(_key, Sealed.Random(2 * F.SegmentSize + 1));
        var other = Sealed.Encrypt(_key, Sealed.Random(2 * F.SegmentSize + 1));
        var spliced = (byte[])one.Clone();
        other.AsSpan(Sealed.SegmentOffset(1), F.SealedSegmentSize).CopyTo(spliced.AsSpan(Sealed.SegmentOffset(1)));

        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, spliced).Failure);
    }

    [Fact]
    public void The_wrong_key_is_refused_with_both_key_ids_named()
    {
        using var other = RepositoryKey.Generate();
        var ciphertext = Sealed.Encrypt(_key, Sealed.Random(1000));

        var e = Sealed.Refused(other, ciphertext);

        Assert.Equal(DecryptionFailure.WrongKey, e.Failure);
        Assert.StartsWith("wrong key:", e.Message, StringComparison.Ordinal);
        Assert.Contains(_key.IdHex, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.IdHex, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_file_is_refused_as_not_encrypted()
    {
        Assert.Equal(DecryptionFailure.NotEncrypted, Sealed.Refused(_key, Sealed.Random(500)).Failure);
        Assert.Equal(DecryptionFailure.NotEncrypted, Sealed.Refused(_key, "plain text"u8.ToArray()).Failure);
        Assert.Equal(DecryptionFailure.Damaged, Sealed.Refused(_key, []).Failure);
    }
}
