namespace IloBackup.Cli.Tests.Settings;

/// <summary>
/// Issue 13 item 5: the repository verbs' settings step refuses a bad command line (exit 2) before the
/// repository is opened (nothing is created, not even its folder), and the fleet's checks the TLS flags
/// before the inventory is read.
/// </summary>
public sealed class RepositorySettingsTests
{
    public static TheoryData<string, string[]> Mistakes => new()
    {
        { "--limit must be at least 1", ["history", "--limit", "0"] },
        { "'x1' is not a backup id", ["show", "x1"] },
        { "--grace goes with --orphans", ["prune", "--keep-last", "2", "--grace", "1d"] },
        { "give --keep-last, --keep-within, --orphans or a combination", ["prune"] },
        { "--keep-last must be at least 1", ["prune", "--keep-last", "0", "--wait"] },
        { "--keep-within", ["prune", "--keep-within", "soon"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_usage_mistake_is_refused_before_the_repository_is_opened(string expected, string[] args)
    {
        var repo = Path.Combine(Path.GetTempPath(), $"settings-repo-{Guid.NewGuid():N}");

        var (code, output, error) = await CliRun.RunAsync([.. args, "--repo", repo]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(Directory.Exists(repo));
    }

    [Theory]
    [InlineData("--ca-file", "MISSING", "--ca-file: ")]
    [InlineData("--insecure", "--trust-new", "--insecure cannot be combined with --ca-file or --trust-new")]
    public async Task The_fleet_checks_its_tls_flags_before_the_inventory_is_read(string option, string value, string expected)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-inventory-{Guid.NewGuid():N}.yaml");

        var (code, _, error) = await CliRun.RunAsync(
            "fleet", "backup", "--inventory", missing, "--repo", missing + ".repo", option, value == "MISSING" ? Path.Combine(Path.GetTempPath(), $"no-ca-{Guid.NewGuid():N}.pem") : value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("inventory", error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(missing + ".repo"));
    }
}
