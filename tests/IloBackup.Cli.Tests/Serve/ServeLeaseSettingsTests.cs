using System.CommandLine;
using System.Text.Json.Nodes;
using IloBackup.Cli.Configuration;
using IloBackup.Cli.Serve;

namespace IloBackup.Cli.Tests.Serve;

/// <summary>
/// <c>serve --lease</c>, <c>--lease-wait</c> and <c>--once --run-id</c> (issue 20): the lease from the flag, else the variable
/// <c>ILOBACKUP_SERVE_LEASE</c>, else the file's <c>serve.lease</c>, else 2m, and at least 10 s; the run of <c>--once</c> named
/// by <c>--run-id</c>, else by the newest slot of a given schedule, else by a fresh id. Errors name where the value came from.
/// </summary>
public sealed class ServeLeaseSettingsTests : IDisposable
{
    private const string Section = "serve:\n  inventory: f.yaml\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-servelease-").FullName;

    private string Config => Path.Combine(_directory, "config.yaml");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_lease_comes_from_the_flag_else_the_variable_else_the_file_else_two_minutes()
    {
        var schedule = BackupScheduleOf("0 2 * * *");
        Assert.Equal((TimeSpan.FromMinutes(2), (TimeSpan?)null), Lease(Read(Section, [])));
        var file = Read(Section + "  lease: 45s\n  lease-wait: 5m\n", []);
        Assert.Equal((TimeSpan.FromSeconds(45), (TimeSpan?)TimeSpan.FromMinutes(5)), Lease(file));
        Assert.Equal($"serve.lease (file {Config}:3)", file.Lease.Label);
        var env = Read(Section + "  lease: 45s\n", [], ("ILOBACKUP_SERVE_LEASE", "90s"), ("ILOBACKUP_SERVE_LEASE_WAIT", "0"));
        Assert.Equal((TimeSpan.FromSeconds(90), (TimeSpan?)TimeSpan.Zero), Lease(env));
        var flag = Read(Section + "  lease: 45s\n", ["--lease", "30s", "--lease-wait", "1m"], ("ILOBACKUP_SERVE_LEASE", "90s"));
        Assert.Equal((TimeSpan.FromSeconds(30), (TimeSpan?)TimeSpan.FromMinutes(1)), Lease(flag));
        Assert.Equal(TimeSpan.FromSeconds(30), flag.Identity(schedule, DateTimeOffset.UnixEpoch).Lease);
    }

    [Theory]
    [InlineData("  lease: 5s\n", new string[0], "serve.lease (file {0}:3) must be at least 10s")]
    [InlineData("", new[] { "--lease", "9s" }, "--lease must be at least 10s")]
    [InlineData("", new[] { "--lease", "soon" }, "--lease: 'soon' has an unknown unit")]
    [InlineData("", new[] { "--lease-wait", "-1m" }, "--lease-wait:")]
    [InlineData("", new[] { "--run-id", "nightly" }, "--run-id names one run: use it with --once")]
    [InlineData("", new[] { "--once", "--run-id", " nightly" }, "--run-id must be 1 to 128 printable characters")]
    public void A_short_lease_or_a_bad_run_id_is_a_usage_error_naming_where_it_came_from(string yaml, string[] flags, string message)
    {
        var error = Assert.Throws<CliUsageException>(() => Read(Section + yaml, flags));
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, Config), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_is_named_by_the_run_id_else_the_newest_slot_of_a_given_schedule_else_afresh()
    {
        var now = new DateTimeOffset(2026, 12, 3, 2, 0, 7, TimeSpan.Zero); // a timer at 02:00, seven seconds late
        var byHand = Read(Section, ["--once", "--run-id", "nightly-2026-12-03", "--schedule", "0 2 * * *"]);
        Assert.Equal(((DateTimeOffset?)null, "nightly-2026-12-03"), byHand.OnceRun(byHand.ParsedSchedule, now));
        var flag = Read(Section, ["--once", "--schedule", "0 2 * * *"]);
        Assert.Equal(((DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero), (string?)null), flag.OnceRun(flag.ParsedSchedule, now));
        var file = Read(Section + "  schedule: \"0 1 * * *\"\n", ["--once"]);
        Assert.Equal(((DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), (string?)null), file.OnceRun(file.ParsedSchedule, now));
        var none = Read(Section, ["--once"]);
        Assert.Equal(((DateTimeOffset?)null, (string?)null), none.OnceRun(none.ParsedSchedule, now)); // the built-in schedule names no run
    }

    [Fact]
    public async Task Config_show_lists_the_lease_with_its_source_and_serve_refuses_a_short_one_before_touching_anything()
    {
        await File.WriteAllTextAsync(Config, Section + "  lease: 3m\n");
        var (code, output, error) = await CliRun.RunAsync("config", "show", "--json", "--config", Config);
        Assert.True(code == ExitCodes.Ok, error);
        var settings = JsonNode.Parse(output)!["settings"]!;
        Assert.Equal(("3m", "file", $"{Config}:3"), ((string?)settings["serve.lease"]!["value"], (string?)settings["serve.lease"]!["source"], (string?)settings["serve.lease"]!["origin"]));
        Assert.Equal("unset", (string?)settings["serve.lease-wait"]!["source"]);

        await File.WriteAllTextAsync(Config, Section);
        (code, output, _) = await CliRun.RunAsync("config", "show", "--config", Config);
        Assert.Matches(@"^serve\.lease\s+2m\s+built-in$", output.Split('\n').Single(l => l.StartsWith("serve.lease ", StringComparison.Ordinal)));

        var repository = Path.Combine(_directory, "repo");
        (code, _, error) = await CliRun.RunAsync("serve", "--once", "--repo", repository, "--inventory", Path.Combine(_directory, "none.yaml"), "--lease", "2s");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--lease must be at least 10s", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(repository));
    }

    private static (TimeSpan Lease, TimeSpan? Wait) Lease(ServeSettings settings)
    {
        var identity = settings.Identity(settings.ParsedSchedule, DateTimeOffset.UnixEpoch);
        return (identity.Lease, identity.LeaseWait);
    }

    private static IloBackup.Serve.Scheduling.BackupSchedule BackupScheduleOf(string cron) => IloBackup.Serve.Scheduling.BackupSchedule.Parse(cron, null, TimeSpan.Zero);

    private ServeSettings Read(string yaml, string[] flags, params (string Name, string Value)[] variables)
    {
        File.WriteAllText(Config, yaml);
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        env.TryAdd("HOME", _directory);
        string[] args = ["serve", "--config", Config, .. flags];
        var (command, options) = ServeCommand.Build(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, isInteractive: false));
        var root = new RootCommand { command };
        root.Options.Add(new Option<string?>(ConfigLocation.Option) { Recursive = true });
        SettingsLayer.Apply(root, CliSettings.Load(args, name => env.GetValueOrDefault(name)));
        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        return ServeSettings.From(parse, options).Validate();
    }
}
