namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// The self-describing header of a backup file (docs/backup-file-format.md). A header returned by
/// <see cref="BackupFileCodec.ReadHeaderAsync"/> is NOT authenticated; one from an opened
/// <see cref="BackupFileReadStream"/> is.
/// </summary>
public sealed record BackupFileHeader
{
    /// <summary>Format version the file was written with.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The server and iLO the backup was taken from.</summary>
    public required BackupOrigin Origin { get; init; }

    /// <summary>When the backup was made (millisecond precision).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether a password is needed to open the file.</summary>
    public bool IsPasswordProtected => Kdf is BackupFileKdf.Pbkdf2HmacSha256 or BackupFileKdf.Pbkdf2HmacSha256LengthPrefixed;

    /// <summary>How the key is derived.</summary>
    public required BackupFileKdf Kdf { get; init; }

    /// <summary>PBKDF2 iteration count (0 for a server-bound file).</summary>
    public required int KdfIterations { get; init; }

    /// <summary>Plaintext bytes per chunk.</summary>
    public required int ChunkSize { get; init; }

    /// <summary>Bytes of authenticated filler before the payload (0 unless padded for tests).</summary>
    public required long PaddingLength { get; init; }

    /// <summary>What the payload is (a media type chosen by the writer), e.g. the emulator configuration.</summary>
    public required string PayloadType { get; init; }

    /// <summary>Length of the header in bytes, from the magic to the end of the header MAC.</summary>
    public required int HeaderLength { get; init; }

    internal byte[] Salt { get; init; } = [];

    internal byte[] NoncePrefix { get; init; } = [];
}
