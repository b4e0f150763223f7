using IloBackup.Cli.Connection;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Mistakes;

/// <summary>Issue 15, "Durations": s/m/h/d everywhere; a bare number keeps its option's old unit, never another.</summary>
public sealed class DurationTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1.5m", 90)]
    [InlineData("45", 45)]
    public void Deadlines_read_every_unit_and_a_bare_number_is_seconds(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text, "--deadline"));

    [Theory]
    [InlineData("90d", 90 * 24.0)]
    [InlineData("90", 90 * 24.0)]
    [InlineData("12h", 12)]
    [InlineData("0", 0)]
    public void Keep_within_reads_every_unit_and_a_bare_number_is_days(string text, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), DurationText.Parse(text, "--keep-within", TimeSpan.FromDays(1), allowZero: true));

    [Theory]
    [InlineData("90x", "unknown unit 'x'")]
    [InlineData("1:30", "not a duration")]
    [InlineData("0", "more than zero")]
    [InlineData("-5m", "not a duration")]
    public void Nonsense_is_refused_with_a_hint(string text, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => DurationText.Parse(text, "--deadline"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--deadline: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_unit_of_its_own_a_bare_number_is_refused_with_the_forms_to_use()
    {
        var error = Assert.Throws<CliUsageException>(() => DurationText.Parse("30", "--x", null, allowZero: false));
        Assert.Contains("30s, 30m, 30h or 30d", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90d")]
    [InlineData("90")]
    [InlineData("2160h")]
    public async Task Prune_takes_keep_within_with_a_unit(string keepWithin)
    {
        var repo = Directory.CreateTempSubdirectory("prune-units-").FullName;
        try
        {
            await (await BackupRepository.OpenAsync(repo, null, CancellationToken.None)).DisposeAsync();

            var (code, output, error) = await CliRun.RunAsync("prune", "--repo", repo, "--keep-within", keepWithin, "--dry-run", "--json");

            Assert.True(code == 0, error);
            Assert.Contains("\"dryRun\": true", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }
}
