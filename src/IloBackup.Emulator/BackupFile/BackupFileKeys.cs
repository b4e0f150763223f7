using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// The two keys of one file: the AES-256-GCM chunk key and the header MAC key, both expanded from a
/// per-file master key (HKDF-SHA256). Zeroed on dispose.
/// </summary>
internal sealed class BackupFileKeys : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] ServerBoundInfo = "ILOBAK/1 server-bound master"u8.ToArray();
    private static readonly byte[] ChunkKeyInfo = "ILOBAK/1 chunk key"u8.ToArray();
    private static readonly byte[] MacKeyInfo = "ILOBAK/1 header mac"u8.ToArray();

    private BackupFileKeys(byte[] master)
    {
        ChunkKey = HKDF.Expand(HashAlgorithmName.SHA256, master, 32, ChunkKeyInfo);
        MacKey = HKDF.Expand(HashAlgorithmName.SHA256, master, 32, MacKeyInfo);
        CryptographicOperations.ZeroMemory(master);
    }

    public byte[] ChunkKey { get; }

    public byte[] MacKey { get; }

    /// <summary>Derives the keys for <paramref name="header"/>; <paramref name="password"/> is used only by protected files.</summary>
    public static BackupFileKeys Derive(BackupFileHeader header, string? password)
    {
        if (header.IsPasswordProtected)
        {
            ArgumentNullException.ThrowIfNull(password);
            var passwordBytes = PasswordInput(header.Kdf, password);
            try
            {
                return new BackupFileKeys(Rfc2898DeriveBytes.Pbkdf2(
                    passwordBytes, header.Salt, header.KdfIterations, HashAlgorithmName.SHA256, 32));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(passwordBytes);
            }
        }

        // Server-bound: the input key material is the public format secret plus the server identity,
        // so the key survives a battery failure or a board replacement (it depends on no iLO board).
        var ikm = ServerBoundKeyMaterial(header.Origin);
        var info = ServerBoundInfo;
        var master = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, header.Salt, info);
        return new BackupFileKeys(master);
    }

    /// <summary>HMAC-SHA256 of the header bytes before the MAC field.</summary>
    public void ComputeHeaderMac(ReadOnlySpan<byte> headerWithoutMac, Span<byte> mac) =>
        HMACSHA256.HashData(MacKey, headerWithoutMac, mac);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(ChunkKey);
        CryptographicOperations.ZeroMemory(MacKey);
    }

    /// <summary>
    /// The PBKDF2 password bytes: version 1's bare UTF-8, or version 2's u16 (LE) byte length ‖ UTF-8,
    /// which no two different passwords share even after HMAC pads the key with zeros.
    /// </summary>
    private static byte[] PasswordInput(BackupFileKdf kdf, string password)
    {
        var utf8 = StrictUtf8.GetBytes(password);
        if (kdf == BackupFileKdf.Pbkdf2HmacSha256)
        {
            return utf8;
        }

        var input = new byte[2 + utf8.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(input, (ushort)utf8.Length);
        utf8.CopyTo(input, 2);
        CryptographicOperations.ZeroMemory(utf8);
        return input;
    }

    private static byte[] ServerBoundKeyMaterial(BackupOrigin origin)
    {
        var serial = Encoding.UTF8.GetBytes(origin.SerialNumber);
        var product = Encoding.UTF8.GetBytes(origin.ProductId);
        var secret = BackupFileFormat.FormatSecret;
        var ikm = new byte[secret.Length + 2 + serial.Length + 2 + product.Length];
        var span = ikm.AsSpan();
        secret.CopyTo(span);
        var offset = secret.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)serial.Length);
        serial.CopyTo(span[(offset + 2)..]);
        offset += 2 + serial.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)product.Length);
        product.CopyTo(span[(offset + 2)..]);
        return ikm;
    }
}
