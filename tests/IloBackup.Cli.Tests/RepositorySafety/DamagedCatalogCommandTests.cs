using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 11, item 3, from the CLI: 16 bytes overwritten inside catalog.db went unnoticed by verify (exit 0)
/// and the next fleet run failed on every iLO (the damage here is in an index the listing never reads,
/// as in the report: only SQLite's own check finds it). Now verify runs SQLite's integrity check and exits 1 naming
/// the way out, a writer refuses the damaged catalog, and restore-catalog brings back the copy.
/// </summary>
public sealed class DamagedCatalogCommandTests
{
    [Fact]
    public async Task Verify_finds_16_overwritten_bytes_writers_refuse_and_restore_catalog_repairs()
    {
        await using var emulated = await EmulatedFleet.StartAsync(3);
        var repo = emulated.Repository;
        var (ok, _, err) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
        Assert.True(ok == 0, err);
        var (healthy, _, _) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.Equal(0, healthy);

        var catalog = Path.Combine(repo, "catalog.db");
        RepoFiles.Overwrite16BytesOfAnIndex(catalog);

        var (code, output, error) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(code == 1, output + error);
        Assert.Contains("catalog", error, StringComparison.Ordinal);
        Assert.Contains("damaged", error, StringComparison.Ordinal);
        Assert.Contains("restore-catalog", error, StringComparison.Ordinal);

        (code, output, error) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
        Assert.True(code == 1, output + error);
        Assert.Contains("restore-catalog", error, StringComparison.Ordinal);

        Assert.True(File.Exists(Path.Combine(repo, "catalog.backup.db")), "a writing run ends by saving the catalog copy");
        (code, output, error) = await CliRun.RunAsync("repo", "restore-catalog", "--repo", repo);
        Assert.True(code == 0, output + error);
        Assert.Contains("the previous catalog was kept as", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(repo, "catalog.db.damaged-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        (code, output, error) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(code == 0, output + error);
        Assert.Equal(3, (await RepoFiles.HistoryAsync(repo)).Count);
    }
}
