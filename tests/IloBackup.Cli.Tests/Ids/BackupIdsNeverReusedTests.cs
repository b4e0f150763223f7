using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Migrate;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Ids;

/// <summary>
/// Backup ids are never handed out twice, through the commands a user runs: after <c>prune</c> removed rows (the one
/// with the highest id among them), a <c>repo rebuild-catalog</c> (catalog and its copy lost, or a healthy one forced)
/// keeps every remaining backup's id and a later backup gets an id past the pruned ones; <c>repo migrate</c> carries the
/// source's high-water mark into the target, and so does a rebuild of the target.
/// </summary>
public sealed class BackupIdsNeverReusedTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-ids-").FullName;

    private string A => Path.Combine(_root, "a");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Ids 1..4; prune keeps each server's newest, removing 2 (in the middle) and 4 (the highest id, an older backup of MXQA).</summary>
    private async Task<(BackupEntry A5, BackupEntry B4)> SeedAndPruneAsync()
    {
        BackupEntry a5, b4;
        await using (var repository = await BackupRepository.OpenAsync(A, null, CancellationToken.None))
        {
            a5 = await repository.StoreAsync(MigrationSeed.Entry("MXQA", 5, """{"a":5}"""), Bytes("MXQA day 5"), default);
            _ = await repository.StoreAsync(MigrationSeed.Entry("MXQB", 1, """{"b":1}"""), Bytes("MXQB day 1"), default);
            b4 = await repository.StoreAsync(MigrationSeed.Entry("MXQB", 4, """{"b":4}"""), Bytes("MXQB day 4"), default);
            var a2 = await repository.StoreAsync(MigrationSeed.Entry("MXQA", 2, """{"a":2}"""), Bytes("MXQA day 2"), default);
            Assert.Equal((1, 3, 4), (a5.Id, b4.Id, a2.Id));
        }

        var (code, output, err) = await CliRun.RunAsync("prune", "--keep-last", "1", "--repo", A, "--json");
        Assert.True(code == 0, output + err);
        Assert.Equal(new long[] { 1, 3 }, await IdsAsync(A));
        return (a5, b4);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rebuild_catalog_keeps_every_id_and_never_hands_out_a_pruned_one(bool catalogAndCopyLost)
    {
        var (a5, b4) = await SeedAndPruneAsync();
        if (catalogAndCopyLost)
        {
            foreach (var file in Directory.EnumerateFiles(A, "catalog*"))
            {
                File.Delete(file); // catalog.db, its -wal/-shm and catalog.backup.db: only the store is left
            }
        }

        var (code, output, err) = await CliRun.RunAsync(catalogAndCopyLost ? ["repo", "rebuild-catalog", "--repo", A] : ["repo", "rebuild-catalog", "--force", "--repo", A]);
        Assert.True(code == 0, output + err);

        Assert.Equal(new long[] { 1, 3 }, await IdsAsync(A));
        Assert.Equal(a5.Sha256, await ShaOfAsync(A, 1));
        Assert.Equal(b4.Sha256, await ShaOfAsync(A, 3));
        (code, _, _) = await CliRun.RunAsync("show", "4", "--repo", A);
        Assert.NotEqual(0, code); // the pruned backup's id names nothing, not another backup

        Assert.Equal(5, await NewBackupIdAsync(A));
    }

    [Fact]
    public async Task Migrate_carries_the_ids_high_water_mark_into_the_target_and_its_rebuilds()
    {
        await SeedAndPruneAsync();
        var b = Path.Combine(_root, "b");
        var (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", b);
        Assert.True(code == 0, output + err);
        Assert.Equal(new long[] { 1, 3 }, await IdsAsync(b));

        var c = Path.Combine(_root, "c");
        (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", c);
        Assert.True(code == 0, output + err);
        Assert.Equal(5, await NewBackupIdAsync(c));

        // B loses its catalog and copy before any backup or prune of its own: the rebuilt one starts past A's pruned ids too.
        foreach (var file in Directory.EnumerateFiles(b, "catalog*"))
        {
            File.Delete(file);
        }

        (code, output, err) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", b);
        Assert.True(code == 0, output + err);
        Assert.Equal(new long[] { 1, 3 }, await IdsAsync(b));
        Assert.Equal(5, await NewBackupIdAsync(b));
    }

    [Fact]
    public async Task A_failed_attempts_id_is_not_handed_out_again_after_a_forced_rebuild()
    {
        await using (var repository = await BackupRepository.OpenAsync(A, null, CancellationToken.None))
        {
            await repository.StoreAsync(MigrationSeed.Entry("MXQA", 1, """{"a":1}"""), Bytes("MXQA day 1"), default);
            var failed = await repository.AddFailureAsync(
                MigrationSeed.Entry("MXQA", 2, "{}") with { Outcome = BackupOutcome.Failed, FailureReason = "unreachable" }, default);
            Assert.Equal(2, failed.Id);
            await repository.SaveCatalogCopyAsync(default);
        }

        // A failed attempt has no record: only the catalog being replaced (and its copy) know its id.
        var (code, output, err) = await CliRun.RunAsync("repo", "rebuild-catalog", "--force", "--repo", A);
        Assert.True(code == 0, output + err);
        Assert.Equal(new long[] { 1 }, await IdsAsync(A));
        Assert.Equal(3, await NewBackupIdAsync(A));
    }

    private static async Task<long> NewBackupIdAsync(string repo)
    {
        await using var repository = await BackupRepository.OpenAsync(repo, null, CancellationToken.None);
        var entry = await repository.StoreAsync(MigrationSeed.Entry("MXQN", 9, "{}"), Bytes("a new backup"), default);
        return entry.Id;
    }

    private static async Task<long[]> IdsAsync(string repo)
    {
        var (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return [.. JsonNode.Parse(output)!.AsArray().Select(e => (long)e!["id"]!).Order()];
    }

    private static async Task<string?> ShaOfAsync(string repo, long id)
    {
        var (code, output, err) = await CliRun.RunAsync("show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return (string?)JsonNode.Parse(output)!["sha256"];
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
