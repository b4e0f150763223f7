using IloBackup.Emulator.BackupFile;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>Fixed inputs shared by the format tests and the test vectors.</summary>
internal static class BackupFileSamples
{
    public const string VectorPassword = "vector password 1";

    public static readonly BackupOrigin Origin = new("MXQ78407Z2", "867959-B21", "ProLiant DL360 Gen10 Plus", 5, "2.78");

    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 21, 30, 0, TimeSpan.Zero);

    public static byte[] FixedSalt => [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i))];

    public static byte[] FixedNoncePrefix => [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD];

    public static string VectorsDirectory => Path.Combine(AppContext.BaseDirectory, "BackupFile", "Vectors");

    /// <summary>Deterministic options: fixed salt and nonce, small chunks so a small file has several.</summary>
    public static BackupFileWriteOptions Deterministic(string? password = null) => new()
    {
        Password = password,
        ChunkSize = 256,
        PayloadType = "application/vnd.ilobackup.test+json",
        Pbkdf2Iterations = 1000,
        FixedSalt = FixedSalt,
        FixedNoncePrefix = FixedNoncePrefix,
    };

    public static byte[] Payload(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> WriteAsync(byte[] payload, BackupFileWriteOptions options, BackupOrigin? origin = null)
    {
        using var output = new MemoryStream();
        await using (var writer = await BackupFileCodec.CreateAsync(output, origin ?? Origin, CreatedAt, options, leaveOpen: true))
        {
            await writer.WriteAsync(payload);
            await writer.CompleteAsync();
        }

        return output.ToArray();
    }

    public static async Task<(BackupFileHeader Header, byte[] Payload)> ReadAsync(byte[] file, string? password = null)
    {
        using var payload = new MemoryStream();
        var header = await BackupFileCodec.VerifyAsync(new MemoryStream(file), password, payload);
        return (header, payload.ToArray());
    }

    public static async Task<BackupFileRefusal> RefusalAsync(byte[] file, string? password = null)
    {
        var e = await Assert.ThrowsAsync<BackupFileException>(() => ReadAsync(file, password));
        return e.Reason;
    }
}
