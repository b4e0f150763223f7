using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// One object's AES-256-GCM: its key and 4-byte nonce prefix are derived with HKDF-SHA256 from the
/// repository's data-encryption key and the header's random salt, so no (key, nonce) pair is ever
/// used twice across objects. Segment i uses nonce = prefix ‖ i (64-bit big-endian) and associated
/// data = header ‖ i ‖ last-flag, which binds each segment to its place, to the end of the object,
/// and to the header (docs/encryption.md, "Format").
/// </summary>
internal sealed class SegmentCipher : IDisposable
{
    private const int NonceSize = 12;
    private const int PrefixSize = 4;
    private const int AadSize = F.HeaderSize + sizeof(long) + 1;

    private static readonly byte[] ObjectLabel = Encoding.ASCII.GetBytes("ilobackup/v1/object-key");

    private readonly AesGcm aes;
    private readonly byte[] header;
    private readonly byte[] noncePrefix;

    private SegmentCipher(RepositoryKey key, byte[] header)
    {
        this.header = header;
        Span<byte> derived = stackalloc byte[32 + PrefixSize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.DataKey, derived, header.AsSpan(F.SaltOffset, F.SaltSize), ObjectLabel);
        aes = new AesGcm(derived[..32], F.TagSize);
        noncePrefix = derived[32..].ToArray();
        CryptographicOperations.ZeroMemory(derived);
    }

    /// <summary>The header to write before the first segment.</summary>
    public ReadOnlySpan<byte> Header => header;

    /// <summary>A cipher for a new object, with a fresh random salt.</summary>
    public static SegmentCipher ForNewObject(RepositoryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = new byte[F.HeaderSize];
        F.Magic.CopyTo(header);
        header[F.VersionOffset] = F.Version;
        key.Id.CopyTo(header.AsSpan(F.KeyIdOffset));
        RandomNumberGenerator.Fill(header.AsSpan(F.SaltOffset, F.SaltSize));
        return new SegmentCipher(key, header);
    }

    /// <summary>The cipher of an existing object from its header; refuses another format or another key.</summary>
    public static SegmentCipher ForHeader(RepositoryKey key, ReadOnlySpan<byte> header)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (header.Length < F.HeaderSize)
        {
            throw header.Length >= F.Magic.Length && !F.LooksEncrypted(header)
                ? NotEncrypted()
                : new ObjectDecryptionException(
                    DecryptionFailure.Damaged,
                    string.Create(CultureInfo.InvariantCulture, $"the encrypted object ends inside its header ({header.Length} of {F.HeaderSize} bytes): it was cut"));
        }

        if (!F.LooksEncrypted(header))
        {
            throw NotEncrypted();
        }

        if (header[F.VersionOffset] != F.Version)
        {
            throw new ObjectDecryptionException(
                DecryptionFailure.UnsupportedVersion,
                string.Create(CultureInfo.InvariantCulture, $"the object has encryption format version {header[F.VersionOffset]}; this version of ilobackup reads version {F.Version}"));
        }

        var id = header.Slice(F.KeyIdOffset, RepositoryKey.IdSize);
        if (!id.SequenceEqual(key.Id))
        {
            throw new ObjectDecryptionException(
                DecryptionFailure.WrongKey,
                $"wrong key: the object was encrypted under key id {Convert.ToHexStringLower(id)}, but the key given has id {key.IdHex}");
        }

        return new SegmentCipher(key, header[..F.HeaderSize].ToArray());
    }

    /// <summary>Seals segment <paramref name="index"/>: ciphertext then tag into <paramref name="sealedSegment"/> (plaintext length + 16 bytes).</summary>
    public void Seal(long index, bool last, ReadOnlySpan<byte> plaintext, Span<byte> sealedSegment)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        Span<byte> aad = stackalloc byte[AadSize];
        Prepare(index, last, nonce, aad);
        aes.Encrypt(nonce, plaintext, sealedSegment[..plaintext.Length], sealedSegment.Slice(plaintext.Length, F.TagSize), aad);
    }

    /// <summary>
    /// Opens segment <paramref name="index"/> into <paramref name="plaintext"/> (sealed length − 16 bytes);
    /// on an authentication failure nothing usable is left in it and <see cref="ObjectDecryptionException"/> is thrown.
    /// </summary>
    public void Open(long index, bool last, ReadOnlySpan<byte> sealedSegment, Span<byte> plaintext)
    {
        if (sealedSegment.Length < F.TagSize)
        {
            throw new ObjectDecryptionException(
                DecryptionFailure.Damaged,
                string.Create(CultureInfo.InvariantCulture, $"the encrypted object ends inside segment {index}: it was cut"));
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        Span<byte> aad = stackalloc byte[AadSize];
        Prepare(index, last, nonce, aad);
        var length = sealedSegment.Length - F.TagSize;
        try
        {
            aes.Decrypt(nonce, sealedSegment[..length], sealedSegment[length..], plaintext[..length], aad);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new ObjectDecryptionException(
                DecryptionFailure.Damaged,
                string.Create(CultureInfo.InvariantCulture, $"segment {index} of the encrypted object failed authentication: the object was altered, cut, reordered or extended"),
                e);
        }
    }

    public void Dispose() => aes.Dispose();

    private static ObjectDecryptionException NotEncrypted() =>
        new(DecryptionFailure.NotEncrypted, "not an encrypted IloBackup object (no ILOBKENC header)");

    private void Prepare(long index, bool last, Span<byte> nonce, Span<byte> aad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        noncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteInt64BigEndian(nonce[PrefixSize..], index);
        header.CopyTo(aad);
        BinaryPrimitives.WriteInt64BigEndian(aad[F.HeaderSize..], index);
        aad[^1] = last ? (byte)1 : (byte)0;
    }
}
