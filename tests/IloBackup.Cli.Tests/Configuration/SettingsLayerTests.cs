using System.CommandLine;
using IloBackup.Cli.Configuration;

namespace IloBackup.Cli.Tests.Configuration;

/// <summary>The settings layer as a library: loading with a given environment, and defaults set on a command tree.</summary>
public sealed class SettingsLayerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        map.TryAdd("HOME", _directory);
        return name => map.GetValueOrDefault(name);
    }

    [Theory]
    [InlineData("--config", "{0}")]
    [InlineData("--config={0}", null)]
    [InlineData("--config:{0}", null)]
    public void Config_is_found_wherever_it_stands_before_a_double_dash(string first, string? second)
    {
        var file = Path.Combine(_directory, "c.yaml");
        File.WriteAllText(file, "user: from-file\n");
        string[] args = second is null
            ? ["fleet", "backup", string.Format(System.Globalization.CultureInfo.InvariantCulture, first, file)]
            : ["fleet", "backup", first, string.Format(System.Globalization.CultureInfo.InvariantCulture, second, file)];
        var settings = CliSettings.Load(args, Env());
        Assert.Equal("from-file", settings[SettingKeys.User].Value);
        Assert.Equal(SettingSource.File, settings[SettingKeys.User].Source);

        // After "--" it is an argument, not the option: the default place (empty here) applies.
        Assert.Equal(SettingSource.BuiltIn, CliSettings.Load(["x", "--", "--config", file], Env())[SettingKeys.User].Source);
    }

    [Fact]
    public void Environment_beats_file_and_paths_resolve_against_the_file_s_folder_or_home()
    {
        var file = Path.Combine(_directory, "c.yaml");
        File.WriteAllText(file, "repo: repos/main\ninventory: ~/fleet.yaml\nconcurrency: 12\n");
        var settings = CliSettings.Load(["--config", file], Env(("ILOBACKUP_CONCURRENCY", "5")));
        Assert.Equal(Path.Combine(_directory, "repos", "main"), settings[SettingKeys.Repo].Value);
        Assert.Equal(Path.Combine(_directory, "fleet.yaml"), settings[SettingKeys.Inventory].Value);
        Assert.Equal(("5", SettingSource.Environment), (settings[SettingKeys.Concurrency].Value, settings[SettingKeys.Concurrency].Source));
        Assert.Equal(Path.Combine(_directory, ".config", "ilobackup", "known_hosts"), settings.KnownHostsPath);
    }

    [Fact]
    public void The_layer_sets_defaults_by_option_name_where_the_key_applies_and_a_flag_still_wins()
    {
        var file = Path.Combine(_directory, "c.yaml");
        File.WriteAllText(file, "concurrency: 7\ndeadline: 2m\ninventory: inv.yaml\nrepo: /r\n");
        var settings = CliSettings.Load(["--config", file], Env());

        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 32 };
        var fleetDeadline = new Option<string>("--deadline") { DefaultValueFactory = _ => "5m" };
        var inventory = new Option<string>("--inventory") { Required = true };
        var restoreDeadline = new Option<string>("--deadline") { DefaultValueFactory = _ => "10m" };
        var demoRepo = new Option<string?>("--repo");
        var root = new RootCommand
        {
            new Command("fleet") { new Command("backup") { concurrency, fleetDeadline, inventory } },
            new Command("restore") { restoreDeadline },
            new Command("demo") { demoRepo },
        };
        SettingsLayer.Apply(root, settings);

        var parse = root.Parse(["fleet", "backup"]);
        Assert.Empty(parse.Errors);
        Assert.Equal(7, parse.GetValue(concurrency));
        Assert.Equal("2m", parse.GetValue(fleetDeadline));
        Assert.Equal(Path.Combine(_directory, "inv.yaml"), parse.GetValue(inventory));
        Assert.Equal(64, root.Parse(["fleet", "backup", "--concurrency", "64"]).GetValue(concurrency));
        Assert.Equal("10m", root.Parse(["restore"]).GetValue(restoreDeadline));
        Assert.Null(root.Parse(["demo"]).GetValue(demoRepo));
        Assert.Same(settings, CliSettings.Of(parse));
    }
}
