using IloBackup.Engine.Identity;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 11, item 1, from the CLI: unreferenced files go only through <c>prune --orphans</c>, which says what it
/// removed and spares young files; <c>repo rebuild-catalog</c> leaves a healthy catalog alone unless forced, and
/// then moves it aside; files without a record come back as "unknown server".
/// </summary>
public sealed class OrphansAndRebuildCommandTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("cli-orphans-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private async Task<(BackupEntry Kept, string OldOrphan, string YoungOrphan)> SeedAsync()
    {
        await using var repo = await BackupRepository.OpenAsync(_repo, null, CancellationToken.None);
        var kept = await repo.StoreAsync(
            new NewBackupEntry
            {
                Host = "https://a.lab/", Outcome = BackupOutcome.Succeeded, TakenAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
                Identity = new IloIdentity("MXQA", null, null, null, "2.78"), FileName = "HPE_MXQA_x.bak",
            },
            new MemoryStream("kept"u8.ToArray()),
            CancellationToken.None);
        var old = await repo.Objects.PutOrphanAsync(new MemoryStream("left by a killed run, long ago"u8.ToArray()), CancellationToken.None);
        var young = await repo.Objects.PutOrphanAsync(new MemoryStream("left by a run still going"u8.ToArray()), CancellationToken.None);
        File.SetLastWriteTimeUtc(RepoFiles.ObjectPath(_repo, old.Sha256), DateTime.UnixEpoch.AddYears(50));
        return (kept, old.Sha256, young.Sha256);
    }

    [Fact]
    public async Task Prune_orphans_removes_only_unreferenced_files_past_the_grace_period_and_says_which()
    {
        var (kept, old, young) = await SeedAsync();
        var (code, output, error) = await CliRun.RunAsync("verify", "--repo", _repo);
        Assert.True(code == 0, error);
        Assert.Contains("2 unreferenced objects kept", output, StringComparison.Ordinal);

        (code, output, error) = await CliRun.RunAsync("prune", "--orphans", "--grace", "12h", "--repo", _repo, "--json");

        Assert.True(code == 0, output + error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(old, (string)Assert.Single(report["orphansRemoved"]!.AsArray())!["sha256"]!);
        Assert.Equal(1, (int)report["orphansSpared"]!);
        Assert.False(File.Exists(RepoFiles.ObjectPath(_repo, old)));
        Assert.True(File.Exists(RepoFiles.ObjectPath(_repo, young)));
        Assert.True(File.Exists(RepoFiles.ObjectPath(_repo, kept.Sha256!)));

        (code, _, error) = await CliRun.RunAsync("prune", "--orphans", "--grace", "soon", "--repo", _repo);
        Assert.Equal(2, code);
        Assert.Contains("--grace", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_catalog_refuses_a_healthy_catalog_unless_forced_and_never_deletes_the_old_one()
    {
        var (kept, old, young) = await SeedAsync();
        var (code, output, error) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", _repo);
        Assert.True(code == 1, output + error);
        Assert.Contains("--force", error, StringComparison.Ordinal);

        (code, output, error) = await CliRun.RunAsync("repo", "rebuild-catalog", "--repo", _repo, "--force", "--json");

        Assert.True(code == 0, output + error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)report["fromRecords"]!);
        Assert.Equal(2, (int)report["unknownServer"]!);
        Assert.True(File.Exists((string)report["movedAside"]!));
        var entries = await RepoFiles.HistoryAsync(_repo);
        var known = Assert.Single(entries, e => (string?)e!["serialNumber"] == "MXQA");
        Assert.Equal(kept.Sha256, (string)known!["sha256"]!);
        Assert.Equal("2.78", (string)known["firmwareVersion"]!);
        Assert.Equal(
            new[] { old, young }.Order(StringComparer.Ordinal),
            entries.Where(e => (string)e!["host"]! == "unknown server").Select(e => (string)e!["sha256"]!).Order(StringComparer.Ordinal));
    }
}
