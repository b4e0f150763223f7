using System.Text.Json.Nodes;
using IloBackup.Cli.Help;

namespace IloBackup.Cli.Tests.Mistakes;

/// <summary>Issue 15, "Help and mistakes": a mistyped verb, a password in argv, JSON errors with a stable code.</summary>
public sealed class CommandLineMistakeTests
{
    [Theory]
    [InlineData("bakup --help", "'bakup' is not a verb of ilobackup; did you mean 'backup'?")]
    [InlineData("bakup", "did you mean 'backup'?")]
    [InlineData("histroy --repo x", "did you mean 'history'?")]
    [InlineData("fleet bakcup --inventory f", "'bakcup' is not a verb of ilobackup fleet; did you mean 'backup'?")]
    [InlineData("repo rebuild", "did you mean 'rebuild-catalog'?")]
    public async Task A_mistyped_verb_gets_did_you_mean_and_exit_2(string command, string expected)
    {
        var (code, output, error) = await CliRun.RunAsync(command.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verb_nothing_resembles_gets_no_guess()
    {
        var (code, _, error) = await CliRun.RunAsync("zzzzzzzz");

        Assert.Equal(2, code);
        Assert.Equal("error: 'zzzzzzzz' is not a verb of ilobackup (see 'ilobackup --help')", error.Trim());
    }

    [Theory]
    [InlineData("backup", "ilo.lab", "--password", "Hunter2-secret")]
    [InlineData("backup", "ilo.lab", "--password=Hunter2-secret")]
    [InlineData("fleet", "backup", "--inventory", "f.yaml", "--password", "Hunter2-secret", "--json")]
    public async Task A_password_in_argv_points_to_the_safe_ways_and_is_never_echoed(params string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);

        Assert.Equal(2, code);
        Assert.DoesNotContain("Hunter2", output + error, StringComparison.Ordinal);
        foreach (var way in new[] { "$ILO_PASSWORD", "--password-file", "--password-stdin", "asked" })
        {
            Assert.Contains(way, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_json_an_error_is_a_json_object_with_a_stable_code()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-repo-{Guid.NewGuid():N}");

        var (code, output, error) = await CliRun.RunAsync("history", "--repo", missing, "--json");

        Assert.Equal(1, code);
        var body = JsonNode.Parse(output)!["error"]!;
        Assert.Equal("repository", body["code"]!.GetValue<string>());
        Assert.Equal(1, body["exitCode"]!.GetValue<int>());
        Assert.Contains(missing, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task With_json_a_usage_error_has_the_code_usage()
    {
        var (code, output, _) = await CliRun.RunAsync("prune", "--repo", "r", "--keep-within", "90x", "--json");

        Assert.Equal(2, code);
        Assert.Equal("usage", JsonNode.Parse(output)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void Suggestions_are_the_nearest_names()
    {
        Assert.Equal(["restore"], CommandLineMistakes.Suggest("restroe", ["restore", "backup", "verify"]));
        Assert.Equal(["verify"], CommandLineMistakes.Suggest("verfy", ["restore", "backup", "verify"]));
        Assert.Empty(CommandLineMistakes.Suggest("xyz", ["restore", "backup", "verify"]));
    }
}
