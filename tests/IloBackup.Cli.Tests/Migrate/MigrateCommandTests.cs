using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Migrate;

/// <summary>
/// <c>ilobackup repo migrate</c> between folders and an encrypted repository file: the same history (every field,
/// the same ids), the same bytes for every object, a rerun that finds everything done, the source byte for byte as it was.
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-migrate-").FullName;

    private string A => Path.Combine(_root, "a");
    private string C => Path.Combine(_root, "c");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Folder_to_an_encrypted_repository_and_back_keeps_the_history_the_ids_and_every_object()
    {
        var rows = await MigrationSeed.SeedAsync(A);
        var encrypted = await MigrationSeed.EncryptedDescriptorAsync(Path.Combine(_root, "b"));

        var (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", encrypted, "--json");
        Assert.True(code == 0, err);
        var there = JsonNode.Parse(output)!;
        Assert.Equal(rows.Count, (int)there["rows"]!);
        Assert.Equal(rows.Count, (int)there["rowsCopied"]!);
        Assert.Equal(2, (int)there["objects"]!); // two rows share one file, the suspect row shares it too
        Assert.Equal(2, (int)there["objectsCopied"]!);
        Assert.Equal(300_000 + "backup of MXQA".Length, (long)there["bytesCopied"]!);
        Assert.Equal(3, (int)there["recordsCopied"]!);
        Assert.Equal(1, (int)there["unreferencedObjectsLeft"]!); // the object of the removed row
        Assert.Contains($"migrate: {rows.Count}/{rows.Count} rows", err, StringComparison.Ordinal);

        // In the encrypted repository no file is named by a backup's hash, and none holds a backup's bytes.
        var stored = MigrationSeed.Tree(Path.Combine(_root, "b", "data", "objects"));
        Assert.DoesNotContain(stored.Keys, k => rows.Any(r => r.Sha256 is { } sha && k.Contains(sha, StringComparison.Ordinal)));
        Assert.DoesNotContain(stored.Values, v => rows.Any(r => r.Sha256 == v));

        var encryptedFiles = MigrationSeed.Tree(Path.Combine(_root, "b"));
        (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", encrypted, "--to", C);
        Assert.True(code == 0, err);
        Assert.Equal(encryptedFiles, MigrationSeed.Tree(Path.Combine(_root, "b"))); // a repository-file source is not written either
        Assert.Contains($"{rows.Count} rows ({rows.Count} copied, 0 there already)", output, StringComparison.Ordinal);

        var history = await HistoryAsync(A);
        Assert.Equal(history, await HistoryAsync(encrypted));
        Assert.Equal(history, await HistoryAsync(C)); // every field, ids included (with the gap)
        foreach (var row in rows)
        {
            Assert.Equal(await ShowAsync(A, row.Id), await ShowAsync(C, row.Id));
        }

        foreach (var sha in rows.Where(r => r.IsGood).Select(r => r.Sha256!).Distinct())
        {
            var original = await File.ReadAllBytesAsync(new ObjectStore(A).PathOf(sha));
            var back = await File.ReadAllBytesAsync(new ObjectStore(C).PathOf(sha));
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(back)));
            Assert.Equal(original, back);
        }

        (code, _, err) = await CliRun.RunAsync("verify", "--repo", C);
        Assert.True(code == 0, err);
        (code, _, err) = await CliRun.RunAsync("verify", "--repo", encrypted);
        Assert.True(code == 0, err);

        // The next backup in the copy gets an id past every migrated one.
        await using (var copy = await BackupRepository.OpenAsync(C, null, default))
        {
            var next = await copy.StoreAsync(MigrationSeed.Entry("MXQN", 9, "{}"), new MemoryStream("new"u8.ToArray()), default);
            Assert.True(next.Id > rows.Max(r => r.Id));
        }
    }

    [Fact]
    public async Task A_rerun_finds_everything_done_and_copies_nothing()
    {
        var rows = await MigrationSeed.SeedAsync(A);
        var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", C);
        Assert.True(code == 0, err);
        var before = MigrationSeed.Tree(Path.Combine(C, "objects"));

        var (again, output, againErr) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", C, "--json");

        Assert.True(again == 0, againErr);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(0, (int)report["rowsCopied"]!);
        Assert.Equal(rows.Count, (int)report["rowsSkipped"]!);
        Assert.Equal(0, (int)report["objectsCopied"]!);
        Assert.Equal(0L, (long)report["bytesCopied"]!);
        Assert.Equal(2, (int)report["objectsSkipped"]!); // verified before their rows were written: not read again
        Assert.Equal(rows.Count + 2, (int)report["skippedAsDone"]!);
        Assert.Equal(before, MigrationSeed.Tree(Path.Combine(C, "objects")));
        Assert.Equal(await HistoryAsync(A), await HistoryAsync(C));
    }

    [Fact]
    public async Task The_source_folder_is_byte_for_byte_the_same_afterwards()
    {
        await MigrationSeed.SeedAsync(A);
        var before = MigrationSeed.Tree(A);
        Assert.DoesNotContain("catalog.db-shm", before.Keys); // the writer closed cleanly: no side files to begin with

        var encrypted = await MigrationSeed.EncryptedDescriptorAsync(Path.Combine(_root, "b"));
        var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", encrypted);
        Assert.True(code == 0, err);
        Assert.Equal(before, MigrationSeed.Tree(A)); // same files (no -shm, -wal or lock appeared), same bytes

        // A refused migration leaves it alone as well.
        (code, _, _) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", A + "/../a");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(before, MigrationSeed.Tree(A));
    }

    private static async Task<string> HistoryAsync(string repo)
    {
        var (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return output;
    }

    private static async Task<string> ShowAsync(string repo, long id)
    {
        var (code, output, err) = await CliRun.RunAsync("show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return output;
    }
}
