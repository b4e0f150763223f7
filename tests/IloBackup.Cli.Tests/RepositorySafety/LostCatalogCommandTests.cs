using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 11, item 1, from the CLI: a deleted or emptied catalog.db beside backup files made verify and
/// fleet backup delete every file as "unreferenced". Now every verb refuses, names the ways out, and
/// nothing is deleted; the ways out bring every backup back.
/// </summary>
public sealed class LostCatalogCommandTests
{
    [Theory]
    [InlineData("delete", "restore-catalog")]
    [InlineData("truncate", "rebuild-catalog")]
    public async Task A_lost_catalog_deletes_nothing_every_verb_refuses_and_the_way_out_brings_the_backups_back(string damage, string wayOut)
    {
        await using var emulated = await EmulatedFleet.StartAsync(3);
        var repo = emulated.Repository;
        for (var run = 0; run < 2; run++)
        {
            var (ok, _, err) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
            Assert.True(ok == 0, err);
        }

        var before = RepoFiles.Objects(repo);
        Assert.Equal(6, before.Length);
        var catalog = Path.Combine(repo, "catalog.db");
        if (damage == "delete")
        {
            File.Delete(catalog);
        }
        else
        {
            await File.WriteAllBytesAsync(catalog, []);
        }

        string[][] verbs =
        [
            ["verify", "--repo", repo],
            ["fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo],
            ["history", "--repo", repo],
            ["prune", "--keep-last", "1", "--repo", repo],
        ];
        foreach (var verb in verbs)
        {
            var (code, output, error) = await CliRun.RunAsync(verb);
            Assert.True(code == 1, $"{string.Join(' ', verb)}: exit {code}\n{output}\n{error}");
            Assert.Contains("rebuild-catalog", error, StringComparison.Ordinal);
            Assert.Contains("restore-catalog", error, StringComparison.Ordinal);
            Assert.Contains(damage == "delete" ? "is missing" : "is empty", error, StringComparison.Ordinal);
            Assert.DoesNotContain("run a writing command", error, StringComparison.Ordinal); // the old hint that led into the loss
            Assert.Equal(before, RepoFiles.Objects(repo));
        }

        var (restored, text, problem) = await CliRun.RunAsync("repo", wayOut, "--repo", repo);
        Assert.True(restored == 0, text + problem);
        var entries = await RepoFiles.HistoryAsync(repo);
        Assert.Equal(6, entries.Count);
        Assert.Equal(
            emulated.Fleet.Ilos.Select(i => i.Identity.ServerSerial).Order(StringComparer.Ordinal),
            entries.Select(e => (string)e!["serialNumber"]!).Distinct().Order(StringComparer.Ordinal));
        var (verified, report, verifyError) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(verified == 0, report + verifyError);
        Assert.Contains("6 objects checked, 0 corrupt, 0 missing", report, StringComparison.Ordinal);
        Assert.Equal(before, RepoFiles.Objects(repo));
    }
}
