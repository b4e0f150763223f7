using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Descriptor;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 19, "Done when": a real <c>ilobackup fleet backup --repo site.yaml</c> (PostgreSQL catalog, S3 objects,
/// encrypted) of 30 emulated iLOs killed with SIGKILL once the catalog holds N rows, for several N: afterwards every
/// catalog row has its object and the object re-hashes (decrypted) to the row's SHA-256, verify passes, and a rerun
/// completes every iLO.
/// </summary>
public sealed class KilledDescriptorFleetRunTests(S3rver s3, ITestOutputHelper output) : IClassFixture<S3rver>
{
    private const int Ilos = 30;

    [RemoteRepositoryFact]
    [Trait("Category", "Crash")]
    public async Task Sigkill_of_a_fleet_run_into_postgres_and_s3_leaves_no_row_without_its_object_and_a_rerun_completes()
    {
        await using var emulated = await EmulatedFleet.StartAsync(Ilos, backupDuration: TimeSpan.FromMilliseconds(100));
        int[] killAt = [0, 1, 7, 19];
        foreach (var rows in killAt)
        {
            var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3, name: "site" + rows.ToString(CultureInfo.InvariantCulture));
            bool finishedFirst;
            using (var child = ChildCli.Start(null, "fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File, "--json", "--concurrency", "4"))
            {
                // 0: as soon as the run has made its catalog's tables; else once N rows are committed.
                await Polling.UntilAsync(
                    () => child.HasExited || site.CatalogRowsAsync().GetAwaiter().GetResult() >= rows,
                    $"{rows} catalog rows", 120_000);
                finishedFirst = child.HasExited;
                child.KillHard();
                await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
                Assert.False(finishedFirst && rows < Ilos, $"the run ended before the kill point ({rows} rows): {child.Output}");
            }

            var atKill = await AssertEveryRowHasItsObjectAsync(site.File);
            output.WriteLine($"killed at >= {rows} rows: {atKill} rows, every one with its object");

            var (rerun, rerunOut, rerunErr) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", site.File, "--json", "--concurrency", "8");
            Assert.True(rerun == 0, $"rerun after a kill at {rows} rows: {rerunOut}{rerunErr}");
            Assert.Equal(Ilos, (int)JsonNode.Parse(rerunOut)!["summary"]!["succeeded"]!);
            Assert.True(await AssertEveryRowHasItsObjectAsync(site.File) >= atKill + Ilos);
            var (verify, verifyOut, verifyErr) = await CliRun.RunAsync("verify", "--repo", site.File);
            Assert.True(verify == 0, $"verify after the rerun: {verifyOut}{verifyErr}");
        }
    }

    /// <summary>Every good row's object exists and its plaintext re-hashes to the row's SHA-256; returns the row count.</summary>
    private static async Task<int> AssertEveryRowHasItsObjectAsync(string file)
    {
        await using var repository = await BackupRepository.OpenAsync(file, new BackupRepositoryOptions { ReadOnly = true }, default);
        var entries = await repository.HistoryAsync(null, default);
        foreach (var entry in entries.Where(e => e.IsGood))
        {
            Assert.Equal(entry.Sha256, await repository.Store.RehashAsync(repository.Store.NameOf(entry.Sha256!), default));
        }

        return entries.Count;
    }
}
