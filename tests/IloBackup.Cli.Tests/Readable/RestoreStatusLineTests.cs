using System.Text.RegularExpressions;
using IloBackup.Cli.Restore;

namespace IloBackup.Cli.Tests.Readable;

/// <summary>Issue 15, "Readable output": while a restore waits, its status shows the time elapsed and the deadline.</summary>
public sealed partial class RestoreStatusLineTests
{
    [Fact]
    public async Task Each_stage_of_a_restore_says_the_time_elapsed_and_the_deadline()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (backupCode, _, backupError) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory));
        Assert.True(backupCode == 0, backupError);

        var (code, _, error) = await CliRun.RunAsync(
            ilo.Args("restore", ilo.Host, ilo.BackupFile(), "--yes", "--poll-interval", "20ms", "--deadline", "7m"));

        Assert.True(code == 0, error);
        var stages = error.Split('\n').Where(l => l.Contains("resetting", StringComparison.Ordinal) || l.Contains("uploading", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(stages);
        Assert.All(stages, line => Assert.Matches(Clock(), line));
    }

    [Theory]
    [InlineData(65, 600, "· 1:05 elapsed, deadline 10:00")]
    [InlineData(0, 120, "· 0:00 elapsed, deadline 2:00")]
    [InlineData(3725, 7200, "· 1:02:05 elapsed, deadline 2:00:00")]
    public void The_clock_reads_minutes_and_seconds(int elapsed, int deadline, string expected) =>
        Assert.EndsWith(expected, RestoreReport.WithClock("host: waiting", TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(deadline)), StringComparison.Ordinal);

    [GeneratedRegex(@" · \d+:\d\d elapsed, deadline 7:00$")]
    private static partial Regex Clock();
}
