using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Cli.Tests.Install;

namespace IloBackup.Cli.Tests.Configuration;

/// <summary>
/// Flag, then environment, then file, then built-in, through the built CLI in a child process whose
/// environment is the test's own (HOME, XDG_CONFIG_HOME, ILOBACKUP_*, ILO_PASSWORD).
/// </summary>
public sealed class ConfigPrecedenceTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("ilobackup-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Flag_then_environment_then_file_then_built_in()
    {
        var config = Path.Combine(_home, ".config", "ilobackup", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, "repo: /file/repo\nuser: file-user\nconcurrency: 8\nknown-hosts: ~/pins\n");
        var env = new Dictionary<string, string?> { ["ILOBACKUP_REPO"] = "/env/repo", ["ILOBACKUP_USER"] = "env-user" };

        var settings = await ShowAsync(env, "--user", "flag-user");
        Assert.Equal(("flag-user", "flag"), Value(settings, "user"));
        Assert.Equal(("/env/repo", "env"), Value(settings, "repo"));
        Assert.Equal("ILOBACKUP_REPO", (string?)settings["repo"]!["origin"]);
        Assert.Equal(("8", "file"), Value(settings, "concurrency"));
        Assert.Equal($"{config}:3", (string?)settings["concurrency"]!["origin"]);
        Assert.Equal((Path.Combine(_home, "pins"), "file"), Value(settings, "known-hosts"));
        Assert.Equal(("5m", "built-in"), Value(settings, "deadline"));
        Assert.Equal(("ILO_PASSWORD", "built-in"), Value(settings, "password-env"));

        // The existing variable for known hosts beats the file as well.
        settings = await ShowAsync(new Dictionary<string, string?> { ["ILOBACKUP_KNOWN_HOSTS"] = "/env/known_hosts" });
        Assert.Equal(("/env/known_hosts", "env"), Value(settings, "known-hosts"));
        Assert.Equal(("/file/repo", "file"), Value(settings, "repo"));
    }

    [Fact]
    public async Task The_file_is_the_flag_s_else_the_variable_s_else_the_one_under_XDG_CONFIG_HOME()
    {
        var xdg = Path.Combine(_home, "xdg");
        Directory.CreateDirectory(Path.Combine(xdg, "ilobackup"));
        var inXdg = Path.Combine(xdg, "ilobackup", "config.yaml");
        await File.WriteAllTextAsync(inXdg, "user: xdg-user\n");
        var named = Path.Combine(_home, "named.yaml");
        await File.WriteAllTextAsync(named, "user: named-user\n");
        var flagged = Path.Combine(_home, "flagged.yaml");
        await File.WriteAllTextAsync(flagged, "user: flagged-user\n");

        var env = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = xdg };
        Assert.Equal(("xdg-user", "file"), Value(await ShowAsync(env), "user"));
        env["ILOBACKUP_CONFIG"] = named;
        Assert.Equal(("named-user", "file"), Value(await ShowAsync(env), "user"));
        Assert.Equal(("flagged-user", "file"), Value(await ShowAsync(env, "--config", flagged), "user"));

        // No file at the default place: built-in values, no error.
        Assert.Equal(("Administrator", "built-in"), Value(await ShowAsync(new Dictionary<string, string?>()), "user"));
    }

    [Fact]
    public async Task A_bad_environment_value_is_an_error_naming_the_variable()
    {
        var (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?> { ["ILOBACKUP_CONCURRENCY"] = "lots" }, "config", "show");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ILOBACKUP_CONCURRENCY: 'lots' is not a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_comes_from_the_variable_or_file_the_config_names_never_from_the_file_itself()
    {
        await using var fleet = await EmulatedFleet.StartAsync(1);
        var ilo = fleet.Fleet[0];
        var config = Path.Combine(_home, "config.yaml");
        string[] backup = ["backup", ilo.BaseUrl.ToString(), "--fingerprint", ilo.CertificateFingerprint, "--user", fleet.Fleet.AdminUser,
            "--no-snapshot", "--output", Directory.CreateDirectory(Path.Combine(_home, "out")).FullName + "/", "--overwrite", "--config", config];

        // password-env: the variable it names holds the password; ILO_PASSWORD is then not read.
        await File.WriteAllTextAsync(config, "password-env: RACK_PW\n");
        var (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?> { ["RACK_PW"] = fleet.Fleet.AdminPassword }, backup);
        Assert.True(code == ExitCodes.Ok, error);
        (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?> { ["ILO_PASSWORD"] = fleet.Fleet.AdminPassword }, backup);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no iLO password: set RACK_PW", error, StringComparison.Ordinal);

        // password-file: relative to the config file's folder.
        await File.WriteAllTextAsync(Path.Combine(_home, "ilo-password"), fleet.Fleet.AdminPassword + "\n");
        await File.WriteAllTextAsync(config, "user: nobody\npassword-file: ilo-password\n");
        (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?>(), backup);
        Assert.True(code == ExitCodes.Ok, error);

        // A password-file that is not there is named with the line that set it.
        await File.WriteAllTextAsync(config, "user: nobody\npassword-file: missing\n");
        (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?>(), backup);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"password-file (file {config}:2)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(fleet.Fleet.AdminPassword, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_known_hosts_file_of_the_config_is_where_certificates_are_pinned()
    {
        await using var fleet = await EmulatedFleet.StartAsync(1);
        var ilo = fleet.Fleet[0];
        var config = Path.Combine(_home, "config.yaml");
        await File.WriteAllTextAsync(config, "known-hosts: trust/pins\npassword-file: " + fleet.Fleet.PasswordFile + "\n");
        Directory.CreateDirectory(Path.Combine(_home, "trust"));
        var (code, _, error) = await Processes.CliAsync(_home, new Dictionary<string, string?>(),
            "backup", ilo.BaseUrl.ToString(), "--trust-new", "--user", fleet.Fleet.AdminUser, "--no-snapshot",
            "--output", Directory.CreateDirectory(Path.Combine(_home, "out")).FullName + "/", "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        var pins = await File.ReadAllTextAsync(Path.Combine(_home, "trust", "pins"));
        Assert.Contains($"{ilo.BaseUrl.Host}:{ilo.BaseUrl.Port} {ilo.CertificateFingerprint}", pins, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(_home, ".config", "ilobackup", "known_hosts")));
    }

    private async Task<JsonNode> ShowAsync(IReadOnlyDictionary<string, string?> env, params string[] flags)
    {
        var (code, output, error) = await Processes.CliAsync(_home, env, ["config", "show", "--json", .. flags]);
        Assert.True(code == ExitCodes.Ok, error);
        return JsonNode.Parse(output)!["settings"]!;
    }

    private static (string?, string?) Value(JsonNode settings, string key) =>
        ((string?)settings[key]!["value"], (string?)settings[key]!["source"]);
}
