using System.Security.Cryptography;
using IloBackup.Engine.Repository.Encryption;
using F = IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat;

namespace IloBackup.Engine.Tests.Repository.Encryption;

/// <summary>Encrypts and decrypts byte arrays for the tests, and names the places of an encrypted object's parts.</summary>
internal static class Sealed
{
    public static byte[] Random(int length) => RandomNumberGenerator.GetBytes(length);

    public static byte[] Encrypt(RepositoryKey key, byte[] plaintext)
    {
        using var output = new MemoryStream();
        using (var encrypting = new EncryptingStream(key, output, leaveOpen: true))
        {
            encrypting.Write(plaintext);
            encrypting.Complete();
        }

        return output.ToArray();
    }

    public static async Task<byte[]> EncryptAsync(RepositoryKey key, byte[] plaintext)
    {
        using var output = new MemoryStream();
        using var input = new MemoryStream(plaintext);
        await ObjectEncryption.EncryptAsync(key, input, output, CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>Decrypts with the synchronous Read, in small odd-sized reads.</summary>
    public static byte[] Decrypt(RepositoryKey key, byte[] ciphertext)
    {
        using var decrypting = new DecryptingStream(key, new MemoryStream(ciphertext));
        using var output = new MemoryStream();
        var buffer = new byte[7001];
        int read;
        while ((read = decrypting.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    public static async Task<byte[]> DecryptAsync(RepositoryKey key, byte[] ciphertext)
    {
        using var output = new MemoryStream();
        await ObjectEncryption.DecryptAsync(key, new MemoryStream(ciphertext), output, CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>Offset of segment <paramref name="index"/> (its ciphertext, then its tag) in an object.</summary>
    public static int SegmentOffset(int index) => F.HeaderSize + (index * F.SealedSegmentSize);

    public static byte[] Flip(byte[] bytes, int offset)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    public static ObjectDecryptionException Refused(RepositoryKey key, byte[] ciphertext) =>
        Assert.Throws<ObjectDecryptionException>(() => Decrypt(key, ciphertext));
}
