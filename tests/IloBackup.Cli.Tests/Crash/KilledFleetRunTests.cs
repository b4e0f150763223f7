using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 6, "What must hold": a real <c>ilobackup fleet backup</c> process killed with SIGKILL at a
/// random point (after 0..N objects are stored): the repository stays consistent, <c>verify</c>
/// passes, and the next run completes. Two rounds in CI; <c>ILOBACKUP_KILL_ROUNDS=10</c>
/// (bench/crash/run.sh) for the full run.
/// </summary>
public sealed class KilledFleetRunTests(ITestOutputHelper output)
{
    private const int Ilos = 12;

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Sigkill_at_random_points_leaves_a_consistent_repository_and_the_next_run_completes()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("ILOBACKUP_KILL_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 2;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ILOBACKUP_KILL_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount & 0xFFFF;
        var random = new Random(seed);
        output.WriteLine($"seed {seed} (ILOBACKUP_KILL_SEED), {rounds} rounds");
        await using var emulated = await EmulatedFleet.StartAsync(Ilos, backupDuration: TimeSpan.FromMilliseconds(150));
        var passed = 0;
        for (var round = 0; round < rounds; round++)
        {
            var repo = Path.Combine(emulated.Directory, "repo" + round.ToString(CultureInfo.InvariantCulture));
            var objects = Path.Combine(repo, "objects");
            var killAfter = random.Next(0, Ilos);
            int stored;
            using (var child = ChildCli.Start(null, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json", "--concurrency", "3"))
            {
                await Polling.UntilAsync(
                    () => child.HasExited || (killAfter == 0 ? File.Exists(Path.Combine(repo, "catalog.db")) : CountFiles(objects) >= killAfter),
                    $"{killAfter} stored objects", 60_000);
                var exitedBeforeKill = child.HasExited;
                child.KillHard();
                await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
                stored = CountFiles(objects);
                output.WriteLine($"round {round}: kill after {killAfter} objects, {stored} stored{(exitedBeforeKill ? " (the run had already finished)" : "")}");
            }

            await AssertConsistentAsync(repo);
            if (Directory.Exists(repo))
            {
                var (list, _, listErr) = await CliRun.RunAsync("history", "--repo", repo, "--json");
                Assert.True(list == 0, $"round {round}: history after the kill: {listErr}");
            }

            var (verify, verifyOut, verifyErr) = await CliRun.RunAsync("verify", "--repo", repo);
            Assert.True(verify == 0, $"round {round}: verify after the kill: {verifyOut}{verifyErr}");
            var (rerun, rerunOut, rerunErr) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", repo, "--json", "--concurrency", "8");
            Assert.True(rerun == 0, $"round {round}: the next run: {rerunErr}");
            Assert.Equal(Ilos, (int)JsonNode.Parse(rerunOut)!["summary"]!["succeeded"]!);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(repo, "tmp")));
            (verify, verifyOut, verifyErr) = await CliRun.RunAsync("verify", "--repo", repo);
            Assert.True(verify == 0, $"round {round}: verify after the next run: {verifyOut}{verifyErr}");
            passed++;
        }

        output.WriteLine($"kill test: {passed}/{rounds} rounds consistent, verified and completed by the next run");
    }

    private static int CountFiles(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count() : 0;

    /// <summary>Every good catalog row has its complete object (hash checked by verify), whatever the kill left in tmp/.</summary>
    private static async Task AssertConsistentAsync(string repo)
    {
        if (!File.Exists(Path.Combine(repo, "catalog.db")))
        {
            return;
        }

        await using var repository = await BackupRepository.OpenAsync(repo, new BackupRepositoryOptions { ReadOnly = true }, default);
        var entries = await repository.HistoryAsync(null, default);
        Assert.All(entries.Where(e => e.IsGood), e => Assert.True(repository.Objects.Exists(e.Sha256!), $"entry {e.Id} without its object"));
    }
}
