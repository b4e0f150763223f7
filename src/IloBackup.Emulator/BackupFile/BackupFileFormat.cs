using System.Buffers.Binary;

namespace IloBackup.Emulator.BackupFile;

/// <summary>Constants and small primitives of the backup file format (docs/backup-file-format.md).</summary>
internal static class BackupFileFormat
{
    /// <summary>"\x89ILOBAK\n": the high byte and the newline catch 7-bit and line-ending mangling, as PNG does.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, 0x49, 0x4C, 0x4F, 0x42, 0x41, 0x4B, 0x0A];

    /// <summary>Version 2: passwords are length-prefixed before PBKDF2 (KDF 3); version 1 files are still read.</summary>
    public const int CurrentVersion = 2;
    public const int PrefixLength = 12;       // magic, version, header length
    public const int FixedLength = 78;        // everything before the strings
    public const int StringCount = 5;
    public const int SaltLength = 32;
    public const int NoncePrefixLength = 7;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int MacLength = 32;
    public const int MinHeaderLength = FixedLength + (StringCount * 2) + MacLength;
    public const int MaxHeaderLength = 4096;
    public const int MaxStringBytes = 512;

    public const int MinChunkSize = 256;
    public const int MaxChunkSize = 16 * 1024 * 1024;
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultPbkdf2Iterations = 600_000;
    public const int MaxPbkdf2Iterations = 10_000_000;

    public const int MaxPasswordLength = 32;

    /// <summary>Flag bit 0: the file is password-protected. Other bits are reserved and must be 0.</summary>
    public const byte PasswordFlag = 0x01;

    /// <summary>
    /// The fixed secret of server-bound (password-less) files. It is public by nature (it is in our
    /// source): it makes a server-bound file tamper-evident and bound to a serial number, not secret.
    /// </summary>
    public static ReadOnlySpan<byte> FormatSecret =>
    [
        0x3c, 0x9e, 0x51, 0x0b, 0xd2, 0x47, 0x8a, 0xf6, 0x13, 0x6d, 0xe0, 0x29, 0x94, 0x7b, 0xc5, 0x38,
        0x0f, 0xa1, 0x5e, 0x82, 0x66, 0xdb, 0x17, 0x4c, 0xb9, 0x30, 0xee, 0x75, 0x08, 0x5a, 0xc3, 0x91,
    ];

    /// <summary>Nonce of chunk <paramref name="counter"/>: prefix (7) ‖ counter (u32 BE) ‖ final flag (1).</summary>
    public static void ChunkNonce(ReadOnlySpan<byte> prefix, uint counter, bool final, Span<byte> nonce)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixLength..], counter);
        nonce[NonceLength - 1] = final ? (byte)1 : (byte)0;
    }

    /// <summary>Validates a password for protecting a file (see <see cref="IsAcceptablePassword"/>).</summary>
    public static void ValidatePassword(string password, string paramName)
    {
        if (!IsAcceptablePassword(password))
        {
            throw new ArgumentException(
                $"A backup password has 1 to {MaxPasswordLength} characters, none of them a control character or a lone surrogate.",
                paramName);
        }
    }

    /// <summary>
    /// Whether <paramref name="password"/> can protect a file: 1 to 32 UTF-16 characters, no control
    /// character (Unicode Cc: NUL, tab, line breaks, DEL, C1) and no lone surrogate (which UTF-8
    /// would turn into U+FFFD, so that different strings gave the same bytes).
    /// </summary>
    public static bool IsAcceptablePassword(string? password)
    {
        if (password is null || password.Length is 0 or > MaxPasswordLength)
        {
            return false;
        }

        for (var i = 0; i < password.Length; i++)
        {
            var c = password[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < password.Length && char.IsLowSurrogate(password[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
