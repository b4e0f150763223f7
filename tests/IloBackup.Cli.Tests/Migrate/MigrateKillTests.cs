using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Crash;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Migrate;

/// <summary>
/// A real <c>ilobackup repo migrate</c> process killed with SIGKILL midway (once the target holds a number of
/// objects): the target holds no row without its verified object, and a rerun skips what is done and finishes,
/// with no duplicate, the same history as the source.
/// </summary>
public sealed class MigrateKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 40;
    private readonly string _root = Directory.CreateTempSubdirectory("cli-migrate-kill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Sigkill_midway_then_a_rerun_completes_without_duplicates()
    {
        var source = Path.Combine(_root, "a");
        await MigrationSeed.SeedManyAsync(source, Rows);
        var target = await MigrationSeed.EncryptedDescriptorAsync(Path.Combine(_root, "b"));
        var objects = Path.Combine(_root, "b", "data", "objects");

        using (var child = ChildCli.Start(null, "repo", "migrate", "--from", source, "--to", target))
        {
            await Polling.UntilAsync(() => child.HasExited || CountObjects(objects) >= 12, "12 objects in the target", 120_000);
            var finished = child.HasExited;
            child.KillHard();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"killed with {CountObjects(objects)} objects in the target{(finished ? " (it had already finished)" : string.Empty)}");
        }

        int rowsAtKill;
        await using (var partial = await BackupRepository.OpenAsync(target, new BackupRepositoryOptions { ReadOnly = true }, default))
        {
            var rows = await partial.HistoryAsync(null, default);
            rowsAtKill = rows.Count;
            var verify = await partial.VerifyAsync(default);
            Assert.Empty(verify.Missing); // no row without its object
            Assert.Empty(verify.Corrupt); // and each reads back as its hash
        }

        output.WriteLine($"{rowsAtKill} of {Rows} rows at the kill");
        var (code, json, err) = await CliRun.RunAsync("repo", "migrate", "--from", source, "--to", target, "--json");
        Assert.True(code == 0, err);
        var report = JsonNode.Parse(json)!;
        Assert.Equal(Rows, (int)report["rows"]!);
        Assert.Equal(rowsAtKill, (int)report["rowsSkipped"]!);
        Assert.Equal(Rows - rowsAtKill, (int)report["rowsCopied"]!);
        Assert.Equal(Rows, (int)report["objectsCopied"]! + (int)report["objectsSkipped"]!);

        var (_, sourceHistory, _) = await CliRun.RunAsync("history", "--repo", source, "--json");
        var (_, targetHistory, _) = await CliRun.RunAsync("history", "--repo", target, "--json");
        Assert.Equal(sourceHistory, targetHistory); // every row once, under its id
        Assert.Equal(Rows, CountObjects(objects));
        (code, _, err) = await CliRun.RunAsync("verify", "--repo", target);
        Assert.True(code == 0, err);
    }

    private static int CountObjects(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".json", StringComparison.Ordinal))
            : 0;
}
