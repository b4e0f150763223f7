using System.Security.Cryptography;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// Whole-object helpers over <see cref="EncryptingStream"/> and <see cref="DecryptingStream"/>, each
/// streaming with a fixed buffer and hashing the plaintext as it passes.
/// <para>
/// How verify works on an encrypted store (docs/encryption.md, "Verify"): the catalog knows each
/// object's plaintext SHA-256; the object is stored under <see cref="RepositoryKey.ObjectName"/> of
/// it. <see cref="DigestAsync"/> decrypts (every segment authenticated) and re-hashes the plaintext;
/// the object is good when that hash equals the catalog's and the object's name is the keyed name of it.
/// </para>
/// </summary>
public static class ObjectEncryption
{
    private const int BufferSize = EncryptedObjectFormat.SegmentSize;

    /// <summary>Encrypts all of <paramref name="plaintext"/> into <paramref name="ciphertext"/> (left open), hashing the plaintext.</summary>
    public static async Task<PlaintextDigest> EncryptAsync(RepositoryKey key, Stream plaintext, Stream ciphertext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encrypting = new EncryptingStream(key, ciphertext, leaveOpen: true);
        await using (encrypting.ConfigureAwait(false))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await plaintext.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await encrypting.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await encrypting.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return new PlaintextDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), encrypting.PlaintextLength);
        }
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/> (left open) into <paramref name="plaintext"/>, hashing it.
    /// Bytes of a segment reach <paramref name="plaintext"/> only once that segment is authenticated, but
    /// a failure in a later segment comes after earlier ones were written: write to a temporary file
    /// and keep it only when this returns.
    /// </summary>
    public static async Task<PlaintextDigest> DecryptAsync(RepositoryKey key, Stream ciphertext, Stream plaintext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return await ReadAllAsync(key, ciphertext, plaintext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decrypts <paramref name="ciphertext"/> (left open) only to hash its plaintext (verify).</summary>
    public static Task<PlaintextDigest> DigestAsync(RepositoryKey key, Stream ciphertext, CancellationToken cancellationToken) =>
        ReadAllAsync(key, ciphertext, null, cancellationToken);

    private static async Task<PlaintextDigest> ReadAllAsync(RepositoryKey key, Stream ciphertext, Stream? plaintext, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decrypting = new DecryptingStream(key, ciphertext, leaveOpen: true);
        await using (decrypting.ConfigureAwait(false))
        {
            var buffer = new byte[BufferSize];
            long length = 0;
            int read;
            while ((read = await decrypting.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
                if (plaintext is not null)
                {
                    await plaintext.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            return new PlaintextDigest(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
    }
}
