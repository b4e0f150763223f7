namespace IloBackup.Emulator.BackupFile;

/// <summary>How a backup file is written.</summary>
public sealed record BackupFileWriteOptions
{
    /// <summary>Protects the file with a password (1 to 32 characters); null makes a server-bound file.</summary>
    public string? Password { get; init; }

    /// <summary>Plaintext bytes per chunk (256 B to 16 MiB; 64 KiB by default).</summary>
    public int ChunkSize { get; init; } = BackupFileFormat.DefaultChunkSize;

    /// <summary>Authenticated filler written before the payload, to make large files for tests.</summary>
    public long PaddingLength { get; init; }

    /// <summary>What the payload is: a media type of the writer's choosing, recorded in the header.</summary>
    public string PayloadType { get; init; } = "application/octet-stream";

    /// <summary>PBKDF2 iterations; only tests lower it (internal), files written by the emulator use the default.</summary>
    internal int Pbkdf2Iterations { get; init; } = BackupFileFormat.DefaultPbkdf2Iterations;

    /// <summary>Fixed salt for deterministic test vectors; random when null.</summary>
    internal byte[]? FixedSalt { get; init; }

    /// <summary>Fixed nonce prefix for deterministic test vectors; random when null.</summary>
    internal byte[]? FixedNoncePrefix { get; init; }
}
