using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Migrate;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// <c>repo rebuild-catalog</c> on an encrypted repository (keyed object names): an object whose record is lost comes back
/// as "unknown server" with its plaintext's SHA-256 and size (it is decrypted, every segment authenticated, and its
/// hash must map to its name); an object that does not decrypt, or decrypts to content another name belongs to, is
/// counted as unreadable and never catalogued.
/// </summary>
public sealed class EncryptedRebuildUnknownObjectsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-enc-rebuild-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task An_encrypted_object_without_its_record_comes_back_and_undecryptable_or_misnamed_ones_do_not()
    {
        var descriptor = await MigrationSeed.EncryptedDescriptorAsync(_root);
        var objects = Path.Combine(_root, "data", "objects");
        var lostContent = RandomNumberGenerator.GetBytes(150_000); // three segments
        string lostName, keptName;
        BackupEntry kept, lost;
        await using (var repository = await BackupRepository.OpenAsync(descriptor, null, CancellationToken.None))
        {
            kept = await repository.StoreAsync(MigrationSeed.Entry("MXQA", 1, """{"a":1}"""), new MemoryStream(Encoding.UTF8.GetBytes("kept")), default);
            lost = await repository.StoreAsync(MigrationSeed.Entry("MXQB", 2, """{"b":2}"""), new MemoryStream(lostContent), default);
            keptName = repository.Store.NameOf(kept.Sha256!);
            lostName = repository.Store.NameOf(lost.Sha256!);
        }

        foreach (var record in Directory.EnumerateFiles(Path.Combine(objects, lostName[..2]), lostName + ".*.json"))
        {
            File.Delete(record); // the record is lost: only the object is left
        }

        // Garbage under a name that looks keyed, and a valid encrypted object copied under another name.
        var garbage = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.Combine(objects, garbage[..2]));
        // It starts with a real object's header (so the key check at open, which reads whichever object the folder lists
        // first, sees this key either way) and goes on with bytes no key sealed: decrypting it fails.
        var header = (await File.ReadAllBytesAsync(Path.Combine(objects, keptName[..2], keptName)))[..IloBackup.Engine.Repository.Encryption.EncryptedObjectFormat.HeaderSize];
        await File.WriteAllBytesAsync(Path.Combine(objects, garbage[..2], garbage), [.. header, .. RandomNumberGenerator.GetBytes(5000)]);
        var misnamed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.Combine(objects, misnamed[..2]));
        File.Copy(Path.Combine(objects, keptName[..2], keptName), Path.Combine(objects, misnamed[..2], misnamed));

        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "data"), "catalog*"))
        {
            File.Delete(file);
        }

        var (code, output, err) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", descriptor, "--json");
        Assert.True(code == 0, output + err);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)report["fromRecords"]!);
        Assert.Equal(1, (int)report["unknownServer"]!);
        Assert.Equal(2, (int)report["unreadableObjects"]!);
        Assert.Equal(2, (int)report["entries"]!);

        (code, output, err) = await CliRun.RunAsync("history", "--repo", descriptor, "--json");
        Assert.True(code == 0, err);
        var entries = JsonNode.Parse(output)!.AsArray();
        var unknown = Assert.Single(entries, e => (string?)e!["host"] == CatalogRecovery.UnknownServer)!;
        Assert.Equal(lost.Sha256, (string?)unknown["sha256"]);
        Assert.Equal(lostContent.Length, (long)unknown["sizeBytes"]!); // the plaintext's size, not the ciphertext's
        Assert.Equal(kept.Sha256, (string?)Assert.Single(entries, e => (string?)e!["host"] != CatalogRecovery.UnknownServer)!["sha256"]);

        (code, output, err) = await CliRun.RunAsync("verify", "--repo", descriptor);
        Assert.True(code == 0, output + err); // both catalogued backups decrypt to their hashes; the other two are unreferenced, kept
        Assert.Contains("2 unreferenced objects kept", output, StringComparison.Ordinal);

        (code, output, err) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", descriptor);
        Assert.NotEqual(0, code); // healthy now: refused unless forced
        (code, output, err) = await CliRun.RunAsync("repo", "rebuild-catalog", "--force", "--repo", descriptor);
        Assert.True(code == 0, output + err);
        Assert.Contains("warning: 2 files without a record could not be read", output, StringComparison.Ordinal);
    }
}
