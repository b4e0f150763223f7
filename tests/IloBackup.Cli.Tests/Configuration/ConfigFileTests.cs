using System.Text.Json.Nodes;

namespace IloBackup.Cli.Tests.Configuration;

/// <summary>The config file through the CLI in process (<c>--config FILE</c>): keys, lines, refusals, and what reaches the verbs.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Config(string text)
    {
        var path = Path.Combine(_directory, "config.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Show_names_the_file_and_line_of_each_value_and_built_in_for_the_rest()
    {
        var config = Config("# defaults\nrepo: backups\nuser: operator\n");
        var (code, output, error) = await CliRun.RunAsync("config", "show", "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Split('\n');
        Assert.Matches($@"^repo\s+{Regex(Path.Combine(_directory, "backups"))}\s+file {Regex(config)}:2$", lines.Single(l => l.StartsWith("repo ", StringComparison.Ordinal)));
        Assert.Matches($@"^user\s+operator\s+file {Regex(config)}:3$", lines.Single(l => l.StartsWith("user ", StringComparison.Ordinal)));
        Assert.Matches(@"^concurrency\s+32\s+built-in$", lines.Single(l => l.StartsWith("concurrency ", StringComparison.Ordinal)));
        Assert.Matches(@"^inventory\s+-\s+unset$", lines.Single(l => l.StartsWith("inventory ", StringComparison.Ordinal)));
        Assert.Matches($@"^config file\s+{Regex(config)}\s+flag --config$", lines[0]);
    }

    [Fact]
    public async Task A_flag_beats_the_file_and_json_says_where_each_value_came_from()
    {
        var config = Config("user: operator\nconcurrency: 8\ndeadline: 90s\nserve:\n  listen: 127.0.0.1:8080\n  tls: true\n");
        var (code, output, error) = await CliRun.RunAsync("config", "show", "--json", "--config", config, "--concurrency", "64");
        Assert.True(code == ExitCodes.Ok, error);
        var settings = JsonNode.Parse(output)!["settings"]!;
        Assert.Equal("64", (string?)settings["concurrency"]!["value"]);
        Assert.Equal("flag", (string?)settings["concurrency"]!["source"]);
        Assert.Equal("file", (string?)settings["user"]!["source"]);
        Assert.Equal($"{config}:1", (string?)settings["user"]!["origin"]);
        Assert.Equal("90s", (string?)settings["deadline"]!["value"]);
        Assert.Equal("built-in", (string?)settings["repo"]!["source"]);
        var serve = JsonNode.Parse(output)!["serve"]!;
        Assert.Equal(2, (int)serve["keys"]!);
        Assert.Equal(4, (int)serve["line"]!);
    }

    [Theory]
    [InlineData("repo: /srv\ncolour: blue\n", 2, "unknown key 'colour'")]
    [InlineData("user: a\nconcurrency: 0\n", 2, "concurrency: '0' is not a whole number from 1 to 4096")]
    [InlineData("deadline: soon\n", 1, "deadline: 'soon' is not a duration")]
    [InlineData("user:\n  - a\n", 1, "'user' must be a single value")]
    [InlineData("serve: 8080\n", 1, "'serve' must be a mapping")]
    [InlineData("repo: [unclosed\n", 2, "not valid YAML")]
    public async Task A_bad_file_is_a_usage_error_naming_file_and_line(string text, int line, string problem)
    {
        var config = Config(text);
        foreach (var verb in new[] { new[] { "config", "show" }, ["history"] })
        {
            var (code, _, error) = await CliRun.RunAsync([.. verb, "--config", config]);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.StartsWith($"error: {config}:{line}: ", error, StringComparison.Ordinal);
            Assert.Contains(problem, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("password: hunter2-in-the-file\n")]
    [InlineData("user: admin\nfile-password: hunter2-in-the-file\n")]
    [InlineData("password-env: hunter2-in-the-file!\n")]
    public async Task A_secret_in_the_file_is_refused_without_repeating_it(string text)
    {
        var config = Config(text);
        var (code, output, error) = await CliRun.RunAsync("config", "show", "--config", config);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(config + ":", error, StringComparison.Ordinal);
        Assert.Contains("password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error + output, StringComparison.Ordinal);
        if (text.StartsWith("password:", StringComparison.Ordinal))
        {
            Assert.Contains("password-file", error, StringComparison.Ordinal);
            Assert.Contains("password-env", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_named_file_is_an_error()
    {
        var (code, _, error) = await CliRun.RunAsync("config", "show", "--config", Path.Combine(_directory, "nope.yaml"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("nope.yaml (flag --config) does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_of_the_file_reaches_the_repository_verbs()
    {
        var config = Config("repo: ./from-config\n");
        var (code, _, error) = await CliRun.RunAsync("history", "--config", config);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"no repository at {Path.Combine(_directory, "from-config")}", error, StringComparison.Ordinal);

        // A flag still wins.
        (_, _, error) = await CliRun.RunAsync("history", "--config", config, "--repo", Path.Combine(_directory, "flag-repo"));
        Assert.Contains($"no repository at {Path.Combine(_directory, "flag-repo")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_of_the_file_stands_for_the_required_flag()
    {
        var (code, _, error) = await CliRun.RunAsync("fleet", "backup", "--config", Config("inventory: racks/fleet.yaml\n"), "--repo", Path.Combine(_directory, "r"));
        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.DoesNotContain("required", error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Path.Combine(_directory, "racks", "fleet.yaml"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deadline_is_the_fleet_s_per_iLO_one_and_the_demo_keeps_its_own_repository()
    {
        var config = Config("deadline: 90s\nrepo: /srv/ilo-backups\n");
        var (_, fleetHelp, _) = await CliRun.RunAsync("fleet", "backup", "--help", "--config", config);
        Assert.Matches(@"--deadline <TIME>\s+Time allowed per iLO.*\[default: 90s\]", fleetHelp);
        var (_, restoreHelp, _) = await CliRun.RunAsync("restore", "--help", "--config", config);
        // Restore's --deadline is its own total (issue 11: 10 min for the iLO to come back, plus 2), not the fleet's.
        Assert.Matches(@"--deadline <TIME>\s+Total time allowed \(default 5m; restore: 10m", restoreHelp);
        Assert.DoesNotContain("[default: 90s]", restoreHelp, StringComparison.Ordinal);
        Assert.Contains("[default: /srv/ilo-backups]", restoreHelp, StringComparison.Ordinal);
        var (_, demoHelp, _) = await CliRun.RunAsync("demo", "--help", "--config", config);
        Assert.DoesNotContain("/srv/ilo-backups", demoHelp, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
