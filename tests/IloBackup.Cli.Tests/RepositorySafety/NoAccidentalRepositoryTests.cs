using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.RepositorySafety;

/// <summary>
/// Issue 15, items 5 and 6 through the CLI: verbs that store no backup never create a repository; verify runs
/// beside a writer; a second writer names who holds the lock.
/// </summary>
public sealed class NoAccidentalRepositoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-no-repo-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("verify")]
    [InlineData("prune", "--keep-last", "2")]
    [InlineData("prune", "--keep-last", "2", "--dry-run")]
    [InlineData("history")]
    public async Task A_verb_that_stores_no_backup_says_no_repository_and_creates_nothing(params string[] verb)
    {
        var typo = Path.Combine(_root, "typo");
        var (code, output, error) = await CliRun.RunAsync([.. verb, "--repo", typo]);

        Assert.Equal(1, code);
        Assert.Contains($"no repository at {typo}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("healthy", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo));

        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        (code, _, error) = await CliRun.RunAsync([.. verb, "--repo", empty]);
        Assert.Equal(1, code);
        Assert.Contains($"no repository at {empty}", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public async Task Verify_runs_beside_a_writer_and_a_second_writer_names_the_holder()
    {
        var repo = Path.Combine(_root, "repo");
        await using var writer = await BackupRepository.OpenAsync(repo, null, CancellationToken.None);
        await writer.StoreAsync(
            new NewBackupEntry
            {
                Host = "https://ilo1.lab/", Outcome = BackupOutcome.Succeeded, TakenAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
                Identity = IloIdentity.OfSerial("MXQ1"), FileName = "HPE_MXQ1_x.bak",
            },
            new MemoryStream([1, 2, 3]),
            CancellationToken.None);

        var (code, output, error) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(code == 0, output + error);
        Assert.Contains("1 objects checked, 0 corrupt, 0 missing", output, StringComparison.Ordinal);

        (code, _, error) = await CliRun.RunAsync("prune", "--keep-last", "1", "--repo", repo);
        Assert.Equal(1, code);
        Assert.Contains($"another ilobackup (pid {Environment.ProcessId}, since ", error, StringComparison.Ordinal);
        Assert.Contains("--wait", error, StringComparison.Ordinal);
    }
}
