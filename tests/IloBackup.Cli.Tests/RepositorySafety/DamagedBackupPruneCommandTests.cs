using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 11, item 2, from the CLI: with one byte of a server's newest backup flipped,
/// <c>prune --keep-last 1 --keep-within 0</c> kept the damaged file and deleted the older intact one,
/// exit 0. Now the intact one is kept, the server is named, exit 1; other servers are pruned as usual.
/// </summary>
public sealed class DamagedBackupPruneCommandTests
{
    [Fact]
    public async Task Prune_keeps_the_intact_older_backup_when_the_newest_is_damaged_and_exits_1_naming_the_server()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var repo = emulated.Repository;
        for (var run = 0; run < 2; run++)
        {
            var (ok, _, err) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
            Assert.True(ok == 0, err);
        }

        var damagedSerial = emulated.Fleet.Ilos[0].Identity.ServerSerial;
        var healthySerial = emulated.Fleet.Ilos[1].Identity.ServerSerial;
        var damaged = await RepoFiles.HistoryAsync(repo, "--serial", damagedSerial);
        var healthy = await RepoFiles.HistoryAsync(repo, "--serial", healthySerial);
        var (newest, older) = ((string)damaged[0]!["sha256"]!, (string)damaged[1]!["sha256"]!);
        Assert.NotEqual(newest, older); // two different files, so damaging one leaves the other intact
        RepoFiles.FlipOneByte(RepoFiles.ObjectPath(repo, newest), 100);

        var (code, output, error) = await CliRun.RunAsync("prune", "--keep-last", "1", "--keep-within", "0", "--repo", repo);

        Assert.True(code == 1, output + error);
        Assert.Contains($"server {damagedSerial}", error, StringComparison.Ordinal);
        Assert.Contains("fails its hash check", error, StringComparison.Ordinal);
        var left = await RepoFiles.HistoryAsync(repo, "--serial", damagedSerial);
        Assert.Equal([(long)damaged[0]!["id"]!, (long)damaged[1]!["id"]!], left.Select(e => (long)e!["id"]!));
        Assert.True(File.Exists(RepoFiles.ObjectPath(repo, older)));
        // The healthy server is pruned as usual: its newest backup stays, the older one goes.
        Assert.Equal([(long)healthy[0]!["id"]!], (await RepoFiles.HistoryAsync(repo, "--serial", healthySerial)).Select(e => (long)e!["id"]!));
        Assert.False(File.Exists(RepoFiles.ObjectPath(repo, (string)healthy[1]!["sha256"]!)));
    }

    [Fact]
    public async Task Prune_deletes_nothing_of_a_server_whose_kept_backups_are_all_missing_or_damaged()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var repo = emulated.Repository;
        for (var run = 0; run < 3; run++)
        {
            var (ok, _, err) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json");
            Assert.True(ok == 0, err);
        }

        var serial = emulated.Fleet.Ilos[0].Identity.ServerSerial;
        var entries = await RepoFiles.HistoryAsync(repo);
        File.Delete(RepoFiles.ObjectPath(repo, (string)entries[0]!["sha256"]!));
        RepoFiles.FlipOneByte(RepoFiles.ObjectPath(repo, (string)entries[1]!["sha256"]!), 10);
        RepoFiles.FlipOneByte(RepoFiles.ObjectPath(repo, (string)entries[2]!["sha256"]!), 10);

        var (code, output, error) = await CliRun.RunAsync("prune", "--keep-last", "1", "--keep-within", "0", "--repo", repo);

        Assert.True(code == 1, output + error);
        Assert.Contains($"no good backup of {serial} would remain, so nothing of it was removed", error, StringComparison.Ordinal);
        Assert.Equal(3, (await RepoFiles.HistoryAsync(repo)).Count);
        Assert.Equal(2, RepoFiles.Objects(repo).Length);
    }
}
