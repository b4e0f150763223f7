using System.Security.Cryptography;
using System.Text.Json;

namespace IloBackup.Emulator.Tests.BackupFile;

/// <summary>
/// The shipped test vectors (Vectors/): fixed files with their expected header and payload. They pin
/// the format: a change that alters a single byte of what we write, or stops us reading an old file,
/// fails here. To regenerate after a deliberate format change (with a new format version!), set
/// ILOBACKUP_WRITE_VECTORS to the Vectors folder of the source tree and run these tests.
/// </summary>
public class BackupFileVectorTests
{
    /// <summary>Every shipped file: version 1 files must still open (readers keep reading old files).</summary>
    public static TheoryData<string> Vectors => new() { "v1-server-bound", "v1-password", "v2-server-bound", "v2-password" };

    /// <summary>The files of the current version, which the writer must reproduce.</summary>
    public static TheoryData<string> CurrentVectors => new() { "v2-server-bound", "v2-password" };

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Shipped_vector_opens_to_its_expected_header_and_payload(string name)
    {
        var expected = Expectation(name);
        var file = await File.ReadAllBytesAsync(Path.Combine(BackupFileSamples.VectorsDirectory, name + ".bak"));

        var (header, payload) = await BackupFileSamples.ReadAsync(file, expected.GetProperty("password").GetString());

        Assert.Equal(expected.GetProperty("formatVersion").GetInt32(), header.FormatVersion);
        Assert.Equal(expected.GetProperty("serialNumber").GetString(), header.Origin.SerialNumber);
        Assert.Equal(expected.GetProperty("productId").GetString(), header.Origin.ProductId);
        Assert.Equal(expected.GetProperty("productName").GetString(), header.Origin.ProductName);
        Assert.Equal(expected.GetProperty("iloGeneration").GetInt32(), header.Origin.IloGeneration);
        Assert.Equal(expected.GetProperty("firmwareVersion").GetString(), header.Origin.FirmwareVersion);
        Assert.Equal(DateTimeOffset.Parse(expected.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), header.CreatedAt);
        Assert.Equal(expected.GetProperty("passwordProtected").GetBoolean(), header.IsPasswordProtected);
        Assert.Equal(expected.GetProperty("kdf").GetString(), header.Kdf.ToString());
        Assert.Equal(expected.GetProperty("kdfIterations").GetInt32(), header.KdfIterations);
        Assert.Equal(expected.GetProperty("chunkSize").GetInt32(), header.ChunkSize);
        Assert.Equal(expected.GetProperty("payloadType").GetString(), header.PayloadType);
        Assert.Equal(expected.GetProperty("headerLength").GetInt32(), header.HeaderLength);
        Assert.Equal(Convert.FromHexString(expected.GetProperty("salt").GetString()!), header.Salt);
        Assert.Equal(Convert.FromHexString(expected.GetProperty("noncePrefix").GetString()!), header.NoncePrefix);
        Assert.Equal(expected.GetProperty("fileSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(file)));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(BackupFileSamples.VectorsDirectory, "v1-payload.json")), payload);
    }

    [Theory]
    [MemberData(nameof(CurrentVectors))]
    public async Task Writer_reproduces_the_shipped_vector_byte_for_byte(string name)
    {
        var password = Expectation(name).GetProperty("password").GetString();
        var payload = await File.ReadAllBytesAsync(Path.Combine(BackupFileSamples.VectorsDirectory, "v1-payload.json"));

        var file = await BackupFileSamples.WriteAsync(payload, BackupFileSamples.Deterministic(password));

        if (Environment.GetEnvironmentVariable("ILOBACKUP_WRITE_VECTORS") is { Length: > 0 } target)
        {
            await File.WriteAllBytesAsync(Path.Combine(target, name + ".bak"), file);
        }

        var shipped = await File.ReadAllBytesAsync(Path.Combine(BackupFileSamples.VectorsDirectory, name + ".bak"));
        Assert.Equal(shipped, file);
    }

    private static JsonElement Expectation(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BackupFileSamples.VectorsDirectory, name[..2] + "-vectors.json")));
        return document.RootElement.GetProperty(name).Clone();
    }
}
