using IloBackup.Cli.Tests.Golden;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Readable;

/// <summary>Issue 15, "Readable output": <c>history</c> fits 80 columns; a long reason goes on its own line.</summary>
public sealed class HistoryWidthTests : IDisposable
{
    private const string LongReason =
        "POST /redfish/v1/SessionService/Sessions/: HTTP 503 Service Unavailable: Base.1.12.SessionLimitExceeded: "
        + "The session establishment failed due to the number of simultaneous sessions exceeding the limit of the implementation. (after 3 attempts)";

    private readonly string _directory = Directory.CreateTempSubdirectory("history-width-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task History_fits_80_columns_with_the_long_reason_on_its_own_lines()
    {
        var repo = Path.Combine(_directory, "repo");
        await SeedAsync(repo);

        var (code, output, error) = await CliRun.RunAsync("history", "--repo", repo);

        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("ilo-rack12-u09-prod.datacenter-east.example.com: POST", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("(after 3 attempts)", StringComparison.Ordinal));
        Assert.Null(GoldenFiles.Check("output/history-80.txt", GoldenFiles.Normalise(output, _directory)));
    }

    private static async Task SeedAsync(string directory)
    {
        await using var repo = await BackupRepository.OpenAsync(directory, null, CancellationToken.None);
        var t = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
        await repo.StoreAsync(new NewBackupEntry
        {
            Host = "https://ilo-rack12-u07-prod.datacenter-east.example.com:8443/", Outcome = BackupOutcome.Succeeded, TakenAt = t,
            Identity = new IloIdentity("MXQ78407Z2", "ProLiant DL380 Gen10 Plus", "P05172-B21", "iLO 6", "1.59"),
            Snapshot = """{"formatVersion":1}""", FileName = "HPE_MXQ78407Z2_20261101_0200.bak",
        }, new MemoryStream(new byte[15_360]), default);
        await repo.AddFailureAsync(
            new NewBackupEntry { Host = "https://ilo-rack12-u09-prod.datacenter-east.example.com/", Outcome = BackupOutcome.Failed, TakenAt = t.AddMinutes(1), FailureReason = LongReason },
            default);
    }
}
