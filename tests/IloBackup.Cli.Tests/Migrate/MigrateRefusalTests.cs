using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Migrate;

/// <summary><c>repo migrate</c> refuses what would not be a copy: one repository twice, a target holding other backups, a busy or missing source.</summary>
public sealed class MigrateRefusalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-migrate-no-").FullName;

    private string A => Path.Combine(_root, "a");
    private string B => Path.Combine(_root, "b");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Both_ends_are_needed_and_must_differ()
    {
        Assert.Equal(ExitCodes.Usage, (await CliRun.RunAsync("repo", "migrate", "--from", A)).Code);
        var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", A + "/");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("a migration copies into another repository", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(A)); // nothing was created
    }

    [Fact]
    public async Task A_repository_file_naming_the_source_folder_is_the_same_repository()
    {
        await MigrationSeed.SeedAsync(A);
        var before = MigrationSeed.Tree(A);
        var file = Path.Combine(_root, "same.yaml");
        await File.WriteAllTextAsync(file, $"ilobackup-repository: 1\ncatalog: sqlite:{A}/catalog.db\nobjects: file:{A}\n");

        var (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", file, "--json");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("are the same repository", err, StringComparison.Ordinal);
        Assert.Equal("repository", (string?)JsonNode.Parse(output)!["error"]!["code"]);
        Assert.Equal(before, MigrationSeed.Tree(A));
    }

    [Fact]
    public async Task A_target_holding_other_backups_is_refused_and_left_alone()
    {
        await MigrationSeed.SeedAsync(A);
        await using (var other = await BackupRepository.OpenAsync(B, null, default))
        {
            await other.StoreAsync(MigrationSeed.Entry("MXQOTHER", 0, "{}"), new MemoryStream("someone else's"u8.ToArray()), default);
        }

        var before = MigrationSeed.Tree(B);
        var history = await HistoryAsync(B);

        var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", B);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"the target {B} already holds 1 backups, and entry 1 is not the source's", err, StringComparison.Ordinal);
        var after = MigrationSeed.Tree(B);
        Assert.Equal(before.Where(f => f.Key.StartsWith("objects", StringComparison.Ordinal)), after.Where(f => f.Key.StartsWith("objects", StringComparison.Ordinal)));
        Assert.Equal(history, await HistoryAsync(B));
    }

    [Fact]
    public async Task A_missing_source_is_refused_and_no_target_is_made()
    {
        var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", B);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"no repository at {A}", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(B));
    }

    [Fact]
    public async Task A_source_with_a_writer_running_is_refused()
    {
        await MigrationSeed.SeedAsync(A);
        await using (var writer = await BackupRepository.OpenAsync(A, null, default))
        {
            var (code, _, err) = await CliRun.RunAsync("repo", "migrate", "--from", A, "--to", B);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("is writing to the source", err, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(B));
    }

    private static async Task<string> HistoryAsync(string repo)
    {
        var (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return output;
    }
}
