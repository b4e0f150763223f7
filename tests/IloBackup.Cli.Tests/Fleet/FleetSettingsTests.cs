namespace IloBackup.Cli.Tests.Fleet;

/// <summary>Issue 13 item 5: the fleet verbs' settings step refuses a bad command line before any I/O (exit 2).</summary>
public sealed class FleetSettingsTests
{
    [Theory]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 4096")]
    [InlineData("--retries", "11", "--retries must be between 0 and 10")]
    [InlineData("--deadline", "soon", "--deadline: 'soon'")]
    [InlineData("--tags", ",", "--tags names nothing")]
    [InlineData("--html", "/no/such/folder/report.html", "--html /no/such/folder/report.html: the folder /no/such/folder does not exist")]
    public async Task A_bad_setting_is_refused_before_the_inventory_is_read(string option, string value, string expected)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-inventory-{Guid.NewGuid():N}.yaml");

        var (code, _, error) = await CliRun.RunAsync("fleet", "backup", "--inventory", missing, "--repo", missing + ".repo", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("inventory", error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(missing + ".repo"));
    }

    [Fact]
    public async Task Two_password_sources_are_refused_before_stdin_is_read()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-inventory-{Guid.NewGuid():N}.yaml");

        var (code, _, error) = await CliRun.RunAsync(
            "some-password-never-read\n", CancellationToken.None,
            "fleet", "custom-backup", "--inventory", missing, "--password-file", missing, "--password-stdin");

        Assert.Equal(2, code);
        Assert.Contains("give --password-file or --password-stdin, not both", error, StringComparison.Ordinal);
    }
}
