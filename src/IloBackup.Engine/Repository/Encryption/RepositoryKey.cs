using System.Security.Cryptography;
using System.Text;

namespace IloBackup.Engine.Repository.Encryption;

/// <summary>
/// A repository's secret: 32 random bytes, and the keys derived from them with HKDF-SHA256 under
/// distinct labels (docs/encryption.md): the data-encryption key, from which every object's own key
/// is derived, and the naming key, which turns a file's SHA-256 into its object name. The key id is
/// derived too, so an id always belongs to its key and an object written under another key is told
/// apart from a damaged one. Disposing clears the key material.
/// </summary>
public sealed class RepositoryKey : IDisposable
{
    /// <summary>Bytes of secret material in a key.</summary>
    public const int Size = 32;

    /// <summary>Bytes of a key id (stored in every encrypted object's header).</summary>
    public const int IdSize = 16;

    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("ilobackup/v1/key-id");
    private static readonly byte[] DataLabel = Encoding.ASCII.GetBytes("ilobackup/v1/data-encryption-key");
    private static readonly byte[] NamingLabel = Encoding.ASCII.GetBytes("ilobackup/v1/object-naming-key");

    private readonly byte[] secret;
    private readonly byte[] dataKey;
    private readonly byte[] namingKey;
    private readonly byte[] id;

    private RepositoryKey(byte[] secret)
    {
        this.secret = secret;
        id = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, IdSize, salt: [], info: IdLabel);
        dataKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Size, salt: [], info: DataLabel);
        namingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Size, salt: [], info: NamingLabel);
        IdHex = Convert.ToHexStringLower(id);
    }

    /// <summary>The key id, lower-case hex (32 characters): safe to show, it reveals nothing of the key.</summary>
    public string IdHex { get; }

    /// <summary>The key id bytes.</summary>
    public ReadOnlySpan<byte> Id => id;

    internal ReadOnlySpan<byte> DataKey => dataKey;

    internal ReadOnlySpan<byte> NamingKey => namingKey;

    internal ReadOnlySpan<byte> Secret => secret;

    /// <summary>A new key from the system's cryptographic random number generator.</summary>
    public static RepositoryKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>A key from its 32 secret bytes (the key file's <c>key:</c> line, decoded).</summary>
    public static RepositoryKey FromBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != Size)
        {
            throw new ArgumentException($"a repository key is {Size} bytes, not {secret.Length}", nameof(secret));
        }

        return new RepositoryKey(secret.ToArray());
    }

    /// <summary>
    /// The object name of a file whose plaintext SHA-256 is <paramref name="plaintextSha256"/> (lower-case
    /// hex): HMAC-SHA256 under the naming key of the 32 hash bytes, in lower-case hex. The same file
    /// gets the same name under one key (so it is stored once), and the store never sees the hash.
    /// </summary>
    public string ObjectName(string plaintextSha256)
    {
        ArgumentNullException.ThrowIfNull(plaintextSha256);
        if (plaintextSha256.Length != 64 || !plaintextSha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"'{plaintextSha256}' is not a SHA-256 in lower-case hex", nameof(plaintextSha256));
        }

        Span<byte> hash = stackalloc byte[32];
        Convert.FromHexString(plaintextSha256, hash, out _, out _);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(namingKey, hash, mac);
        return Convert.ToHexStringLower(mac);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(secret);
        CryptographicOperations.ZeroMemory(dataKey);
        CryptographicOperations.ZeroMemory(namingKey);
    }
}
