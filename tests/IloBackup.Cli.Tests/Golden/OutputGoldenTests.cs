using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Golden;

/// <summary>Representative outputs (a table and its <c>--json</c>) against golden files, times and hashes normalised.</summary>
public sealed class OutputGoldenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("golden-out-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("history", "history.txt")]
    [InlineData("history --json", "history.json")]
    [InlineData("show 2", "show.txt")]
    [InlineData("show 2 --json", "show.json")]
    [InlineData("verify --json", "verify.json")]
    public async Task Repository_outputs_match_their_golden_files(string command, string file)
    {
        var repo = Path.Combine(_directory, "repo");
        await SeedAsync(repo);
        var config = Path.Combine(_directory, "empty.yaml");
        await File.WriteAllTextAsync(config, "# no defaults\n");

        var (code, output, error) = await CliRun.RunAsync([.. command.Split(' '), "--repo", repo, "--config", config]);

        Assert.True(code == 0, error);
        Assert.Null(GoldenFiles.Check("output/" + file, GoldenFiles.Normalise(output, _directory)));
    }

    private static async Task SeedAsync(string directory)
    {
        await using var repo = await BackupRepository.OpenAsync(directory, null, CancellationToken.None);
        var t = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        NewBackupEntry Entry(string serial, int day, string firmware) => new()
        {
            Host = $"https://{serial.ToLowerInvariant()}.lab/", Outcome = BackupOutcome.Succeeded, TakenAt = t.AddDays(day),
            Identity = new IloIdentity(serial, "ProLiant DL360 Gen10 Plus", "867959-B21", "iLO 5", firmware),
            Snapshot = $$$"""{"formatVersion":1,"network":{"hostName":"{{{serial.ToLowerInvariant()}}}"}}""", FileName = $"HPE_{serial}_2026110{day + 1}_0000.bak",
        };
        await repo.StoreAsync(Entry("MXQA", 0, "2.78"), new MemoryStream("a1"u8.ToArray()), default);
        await repo.StoreAsync(Entry("MXQA", 1, "2.80"), new MemoryStream("a2"u8.ToArray()), default);
        await repo.StoreAsync(Entry("MXQB", 1, "2.78"), new MemoryStream("b1"u8.ToArray()), default);
        await repo.AddFailureAsync(
            new NewBackupEntry { Host = "https://dead.lab/", Outcome = BackupOutcome.Failed, TakenAt = t.AddDays(2), FailureReason = "unreachable" },
            default);
    }
}
