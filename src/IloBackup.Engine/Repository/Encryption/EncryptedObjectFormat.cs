namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// The byte layout of an encrypted object (docs/encryption.md, "Format"): a 57-byte header
/// (magic, format version, key id, a random per-object salt), then the plaintext in 64 KiB segments,
/// each AES-256-GCM sealed with its own 16-byte tag. Every segment but the last holds exactly
/// <see cref="SegmentSize"/> plaintext bytes; the last holds 0 to <see cref="SegmentSize"/> bytes
/// (an empty object is one empty last segment), so the ciphertext length follows from the plaintext's.
/// </summary>
public static class EncryptedObjectFormat
{
    /// <summary>Plaintext bytes per segment (64 KiB).</summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>Bytes of the AES-GCM tag that follows each segment's ciphertext.</summary>
    public const int TagSize = 16;

    /// <summary>Bytes of the random per-object salt from which the object's key and nonce prefix are derived.</summary>
    public const int SaltSize = 32;

    /// <summary>The format version this code writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Offset of the version byte (after the magic).</summary>
    public const int VersionOffset = 8;

    /// <summary>Offset of the key id.</summary>
    public const int KeyIdOffset = VersionOffset + 1;

    /// <summary>Offset of the per-object salt.</summary>
    public const int SaltOffset = KeyIdOffset + RepositoryKey.IdSize;

    /// <summary>Bytes of the header: magic (8), version (1), key id (16), salt (32).</summary>
    public const int HeaderSize = SaltOffset + SaltSize;

    /// <summary>Bytes of a full segment on disk: ciphertext and tag.</summary>
    public const int SealedSegmentSize = SegmentSize + TagSize;

    /// <summary>The first 8 bytes of every encrypted object: ASCII "ILOBKENC".</summary>
    public static ReadOnlySpan<byte> Magic => "ILOBKENC"u8;

    /// <summary>The size of the encrypted object that holds <paramref name="plaintextLength"/> bytes.</summary>
    public static long CiphertextLength(long plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        var segments = Math.Max(1, (plaintextLength + SegmentSize - 1) / SegmentSize);
        return HeaderSize + plaintextLength + (segments * TagSize);
    }

    /// <summary>Whether <paramref name="start"/> (at least the first 8 bytes of a file) begins like an encrypted object.</summary>
    public static bool LooksEncrypted(ReadOnlySpan<byte> start) => start.StartsWith(Magic);
}
