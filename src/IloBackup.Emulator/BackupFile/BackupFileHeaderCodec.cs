using System.Buffers.Binary;
using System.Text;

namespace IloBackup.Emulator.BackupFile;

/// <summary>Writes and parses the header bytes. Parsing trusts nothing: every field is bounds-checked.</summary>
internal static class BackupFileHeaderCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Serializes <paramref name="header"/>; the last <see cref="BackupFileFormat.MacLength"/> bytes are left zero for the MAC.</summary>
    public static byte[] Serialize(BackupFileHeader header)
    {
        var origin = header.Origin;
        string[] strings = [origin.SerialNumber, origin.ProductId, origin.ProductName, origin.FirmwareVersion, header.PayloadType];
        var encoded = new byte[strings.Length][];
        var length = BackupFileFormat.FixedLength + BackupFileFormat.MacLength;
        for (var i = 0; i < strings.Length; i++)
        {
            encoded[i] = StrictUtf8.GetBytes(strings[i]);
            length += 2 + encoded[i].Length;
        }

        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BackupFileFormat.Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)header.FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)length);
        span[12] = header.IsPasswordProtected ? BackupFileFormat.PasswordFlag : (byte)0;
        span[13] = (byte)header.Kdf;
        BinaryPrimitives.WriteUInt32LittleEndian(span[14..], (uint)header.KdfIterations);
        header.Salt.CopyTo(span[18..]);
        header.NoncePrefix.CopyTo(span[50..]);
        span[57] = (byte)header.Origin.IloGeneration;
        BinaryPrimitives.WriteUInt32LittleEndian(span[58..], (uint)header.ChunkSize);
        BinaryPrimitives.WriteInt64LittleEndian(span[62..], header.CreatedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64LittleEndian(span[70..], (ulong)header.PaddingLength);
        var offset = BackupFileFormat.FixedLength;
        foreach (var item in encoded)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)item.Length);
            item.CopyTo(span[(offset + 2)..]);
            offset += 2 + item.Length;
        }

        return bytes;
    }

    /// <summary>Checks the 12-byte prefix and returns the header length it announces.</summary>
    public static int ParsePrefix(ReadOnlySpan<byte> prefix, int available)
    {
        var magicBytes = Math.Min(available, BackupFileFormat.Magic.Length);
        if (available == 0)
        {
            throw new BackupFileException(BackupFileRefusal.NotABackupFile, "The file is empty.");
        }

        if (!prefix[..magicBytes].SequenceEqual(BackupFileFormat.Magic[..magicBytes]))
        {
            throw new BackupFileException(BackupFileRefusal.NotABackupFile, "The file is not an iLO backup file of this format.");
        }

        if (available < BackupFileFormat.PrefixLength)
        {
            throw new BackupFileException(BackupFileRefusal.Truncated, "The file ends inside its header.");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        if (version == 0)
        {
            throw new BackupFileException(BackupFileRefusal.InvalidHeader, "The header announces format version 0.");
        }

        if (version > BackupFileFormat.CurrentVersion)
        {
            throw new BackupFileException(
                BackupFileRefusal.UnsupportedVersion,
                $"The file has format version {version}; this iLO reads versions up to {BackupFileFormat.CurrentVersion}.");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(prefix[10..]);
        if (length is < BackupFileFormat.MinHeaderLength or > BackupFileFormat.MaxHeaderLength)
        {
            throw new BackupFileException(BackupFileRefusal.InvalidHeader, $"The header length {length} is out of range.");
        }

        return length;
    }

    /// <summary>Parses a complete header (prefix already checked by <see cref="ParsePrefix"/>).</summary>
    public static BackupFileHeader Parse(ReadOnlySpan<byte> bytes)
    {
        var flags = bytes[12];
        if ((flags & ~BackupFileFormat.PasswordFlag) != 0)
        {
            throw Invalid("unknown flags");
        }

        var kdf = (BackupFileKdf)bytes[13];
        var iterations = BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]);
        var passwordFlag = (flags & BackupFileFormat.PasswordFlag) != 0;
        ValidateKdf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]), kdf, iterations, passwordFlag);

        int generation = bytes[57];
        if (generation is < 1 or > 99)
        {
            throw Invalid("iLO generation out of range");
        }

        var chunkSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes[58..]);
        if (chunkSize is < BackupFileFormat.MinChunkSize or > BackupFileFormat.MaxChunkSize)
        {
            throw Invalid("chunk size out of range");
        }

        var created = BinaryPrimitives.ReadInt64LittleEndian(bytes[62..]);
        if (created is < -62_135_596_800_000 or > 253_402_300_799_999)
        {
            throw Invalid("creation time out of range");
        }

        var padding = BinaryPrimitives.ReadUInt64LittleEndian(bytes[70..]);
        if (padding > long.MaxValue)
        {
            throw Invalid("padding length out of range");
        }

        var strings = new string[BackupFileFormat.StringCount];
        var offset = BackupFileFormat.FixedLength;
        var stringsEnd = bytes.Length - BackupFileFormat.MacLength;
        for (var i = 0; i < strings.Length; i++)
        {
            if (offset + 2 > stringsEnd)
            {
                throw Invalid("strings overrun the header");
            }

            int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
            offset += 2;
            if (length > BackupFileFormat.MaxStringBytes || offset + length > stringsEnd)
            {
                throw Invalid("string length out of range");
            }

            try
            {
                strings[i] = StrictUtf8.GetString(bytes.Slice(offset, length));
            }
            catch (DecoderFallbackException e)
            {
                throw new BackupFileException(BackupFileRefusal.InvalidHeader, "The header holds a string that is not UTF-8.", e);
            }

            offset += length;
        }

        if (offset != stringsEnd)
        {
            throw Invalid("the header length does not match its contents");
        }

        return new BackupFileHeader
        {
            FormatVersion = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]),
            Origin = new BackupOrigin(strings[0], strings[1], strings[2], generation, strings[3]),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(created),
            Kdf = kdf,
            KdfIterations = (int)iterations,
            ChunkSize = (int)chunkSize,
            PaddingLength = (long)padding,
            PayloadType = strings[4],
            HeaderLength = bytes.Length,
            Salt = bytes.Slice(18, BackupFileFormat.SaltLength).ToArray(),
            NoncePrefix = bytes.Slice(50, BackupFileFormat.NoncePrefixLength).ToArray(),
        };
    }

    private static void ValidateKdf(int version, BackupFileKdf kdf, uint iterations, bool passwordFlag)
    {
        // Version 1 protects with the bare-password PBKDF2 (2), version 2 with the length-prefixed one (3).
        var passwordKdf = version == 1 ? BackupFileKdf.Pbkdf2HmacSha256 : BackupFileKdf.Pbkdf2HmacSha256LengthPrefixed;
        if (kdf == BackupFileKdf.ServerBound && !passwordFlag && iterations == 0)
        {
            return;
        }

        if (kdf == passwordKdf && passwordFlag && iterations is >= 1 and <= BackupFileFormat.MaxPbkdf2Iterations)
        {
            return;
        }

        if ((kdf == BackupFileKdf.ServerBound || kdf == passwordKdf) && passwordFlag != (kdf == passwordKdf))
        {
            throw Invalid("the password flag does not match the key derivation");
        }

        throw new BackupFileException(BackupFileRefusal.UnsupportedKdf, "The file uses a key derivation or parameters this iLO does not accept.");
    }

    private static BackupFileException Invalid(string what) =>
        new(BackupFileRefusal.InvalidHeader, $"The backup file header is invalid: {what}.");
}
