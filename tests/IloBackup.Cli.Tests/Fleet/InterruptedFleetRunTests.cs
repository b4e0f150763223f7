using System.Text.Json.Nodes;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.Fleet;

public sealed class InterruptedFleetRunTests
{
    [Fact]
    public async Task Ctrl_c_mid_run_exits_130_leaves_a_consistent_repository_and_a_rerun_completes()
    {
        await using var emulated = await EmulatedFleet.StartAsync(24, backupDuration: TimeSpan.FromMilliseconds(200));
        using var cts = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, TextReader.Null, isInteractive: false);
        var objects = Path.Combine(emulated.Repository, "objects");

        var run = CliApp.RunAsync(
            ["fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--concurrency", "4"], console, cts.Token);
        await Polling.UntilAsync(
            () => Directory.Exists(objects) && Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).Any(), "a first stored backup", 30_000);
        await cts.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
        await using (var repository = await BackupRepository.OpenAsync(emulated.Repository, new BackupRepositoryOptions { ReadOnly = true }, default))
        {
            var entries = await repository.HistoryAsync(null, default);
            Assert.InRange(entries.Count, 0, 23);
            Assert.All(entries.Where(e => e.IsGood), e => Assert.True(repository.Objects.Exists(e.Sha256!)));
        }

        await Polling.UntilAsync(() => emulated.Fleet.Ilos.All(i => i.Sessions.Count == 0), "every session logged out", 30_000);

        using var rerunOutput = new StringWriter();
        var rerun = await CliApp.RunAsync(
            ["fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--concurrency", "8"],
            new CliConsole(rerunOutput, error, TextReader.Null, isInteractive: false));
        Assert.True(rerun == 0, error.ToString());
        Assert.Equal(24, (int)JsonNode.Parse(rerunOutput.ToString())!["summary"]!["succeeded"]!);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(emulated.Repository, "tmp")));
        Assert.Equal(0, await CliApp.RunAsync(["verify", "--repo", emulated.Repository], console));
    }
}
