using System.Security.Cryptography;
using System.Text;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Migrate;

/// <summary>
/// Source repositories for the migration tests, made the way production makes them (the sink), and the files a
/// migration must leave alone: good backups (two sharing one object), a failed attempt, a suspect row with its
/// reason and no record, a gap in the ids (a row removed; its object stays, unreferenced), a multi-segment object.
/// </summary>
internal static class MigrationSeed
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<BackupEntry>> SeedAsync(string repo)
    {
        await using var repository = await BackupRepository.OpenAsync(repo, null, CancellationToken.None);
        var a1 = await repository.StoreAsync(Entry("MXQA", 0, """{"users":["Administrator"]}"""), Bytes("backup of MXQA"), default);
        var a2 = await repository.StoreAsync(Entry("MXQA", 1, """{"users":["Administrator"]}"""), Bytes("backup of MXQA"), default); // same file
        await repository.AddFailureAsync(
            new NewBackupEntry { Host = "https://dead.lab/", Outcome = BackupOutcome.Failed, TakenAt = Start.AddDays(1), FailureReason = "unreachable: connection refused" },
            default);
        var gone = await repository.StoreAsync(Entry("MXQG", 1, """{"g":1}"""), Bytes("removed later"), default);
        var big = await repository.StoreAsync(Entry("MXQB", 2, """{"users":["Administrator","ops"]}"""), new MemoryStream(RandomNumberGenerator.GetBytes(300_000)), default);
        await repository.Catalog.AddAsync(
            new NewBackupEntry
            {
                Host = "https://mxqa.lab/", Outcome = BackupOutcome.Succeeded, TakenAt = Start.AddDays(3),
                Identity = a1.Identity, FileName = a1.FileName, Sha256 = a1.Sha256, Size = a1.Size,
                Suspect = true, SuspectReason = "looks like factory defaults",
            },
            default);
        await repository.Catalog.DeleteAsync([gone.Id], default); // an id gap; its object stays, unreferenced
        await repository.SaveCatalogCopyAsync(default);
        _ = (a2, big);
        return (await repository.HistoryAsync(null, default)).OrderBy(e => e.Id).ToList();
    }

    /// <summary>Many good backups of ~200 KB each (a migration long enough to be killed midway).</summary>
    public static async Task SeedManyAsync(string repo, int count)
    {
        await using var repository = await BackupRepository.OpenAsync(repo, null, CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            var serial = $"MXQ{i:D4}";
            await repository.StoreAsync(Entry(serial, i, $$"""{"n":{{i}}}"""), new MemoryStream(RandomNumberGenerator.GetBytes(200_000)), default);
        }
    }

    /// <summary>A repository file: SQLite catalog and objects in <paramref name="folder"/>, encrypted with a new key.</summary>
    public static async Task<string> EncryptedDescriptorAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var key = Path.Combine(folder, "repo.key");
        var (code, _, err) = await CliRun.RunAsync("repo", "key", "create", "--out", key);
        Assert.True(code == 0, err);
        var file = Path.Combine(folder, "repo.yaml");
        await File.WriteAllTextAsync(file, $"ilobackup-repository: 1\ncatalog: sqlite:{folder}/data/catalog.db\nobjects: file:{folder}/data\nencryption-key-file: {key}\n");
        return file;
    }

    /// <summary>Every file under <paramref name="root"/> and its SHA-256 (relative paths).</summary>
    public static SortedDictionary<string, string> Tree(string root) =>
        new(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    public static NewBackupEntry Entry(string serial, int day, string snapshot) => new()
    {
        Host = $"https://{serial.ToLowerInvariant()}.lab/",
        Outcome = BackupOutcome.Succeeded,
        TakenAt = Start.AddDays(day),
        Identity = new IloIdentity(serial, "ProLiant DL360 Gen10 Plus", "867959-B21", "iLO 5", "2.78"),
        FileName = $"HPE_{serial}_2026110{1 + (day % 8)}_0200.bak",
        Snapshot = snapshot,
    };

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
