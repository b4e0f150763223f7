using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace IloBackup.Cli.Tests.Fleet;

/// <summary>Issue 15, "Fleet verbs": the user as single-iLO verbs take it, --tags and --limit, custom-backup without a flag.</summary>
public sealed class FleetSelectionCommandTests : IAsyncLifetime
{
    private EmulatedFleet _emulated = null!;
    private string _config = null!;
    private string _passwordFile = null!;

    public async Task InitializeAsync()
    {
        _emulated = await EmulatedFleet.StartAsync(4);
        _config = Path.Combine(_emulated.Directory, "empty.yaml");
        await File.WriteAllTextAsync(_config, "# no defaults\n");
        _passwordFile = Path.Combine(_emulated.Directory, "pw");
        await File.WriteAllTextAsync(_passwordFile, "fleet-test-password\n");
    }

    public async Task DisposeAsync() => await _emulated.DisposeAsync();

    [Fact]
    public async Task Without_a_user_anywhere_the_fleet_logs_in_as_Administrator()
    {
        var inventory = await InventoryAsync(withUser: false);

        var (code, output, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--password-file", _passwordFile, "--json");

        Assert.True(code == 0, error + output);
        Assert.Equal(4, JsonNode.Parse(output)!["summary"]!["succeeded"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_password_the_run_is_refused_before_any_ilo_is_contacted()
    {
        var inventory = await InventoryAsync(withUser: false);
        using var log = _emulated.Fleet.Overrides.RecordRequests(out var requests);

        var (code, output, error) = await RunAsync("fleet", "backup", "--inventory", inventory, "--repo", _emulated.Repository);

        Assert.Equal(2, code);
        Assert.Contains("no iLO password for 4 of 4 iLOs", error, StringComparison.Ordinal);
        Assert.Contains("$ILO_PASSWORD", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Empty(requests);
        Assert.False(Directory.Exists(_emulated.Repository));
    }

    [Fact]
    public async Task Tags_and_limit_choose_the_ilos_worked_on()
    {
        var inventory = await InventoryAsync(withUser: true);
        var contacted = new ConcurrentDictionary<int, bool>();
        using var seen = _emulated.Fleet.Overrides.Add(
            (_, ilo) =>
            {
                contacted[ilo.Index] = true;
                return false;
            },
            (context, _, next) => next(context));

        var (code, output, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--tags", "rack1", "--json");
        Assert.True(code == 0, error);
        Assert.Equal([Address(0), Address(2)], Hosts(output));
        Assert.Equal([0, 2], contacted.Keys.Order());

        var serial = _emulated.Fleet[3].Identity.ServerSerial;
        (code, output, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--limit", $"{serial[..4]}*{serial[^2..]}", "--json");
        Assert.True(code == 0, error);
        Assert.Contains(Address(3), Hosts(output));

        (code, output, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--tags", "rack1", "--limit", "nothing-like-this", "--json");
        Assert.Equal(2, code);
        Assert.Contains("no iLO of the inventory (4) matches --tags/--limit", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_backup_without_a_flag_shows_each_ilos_setting_and_changes_nothing()
    {
        var inventory = await InventoryAsync(withUser: true);
        var (code, _, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--enable", "--limit", Address(1));
        Assert.True(code == 0, error);
        using var log = _emulated.Fleet.Overrides.RecordRequests(out var requests);

        (code, var output, error) = await RunAsync("fleet", "custom-backup", "--inventory", inventory, "--json");

        Assert.True(code == 0, error);
        var messages = JsonNode.Parse(output)!["hosts"]!.AsArray().Select(h => h!["message"]!.GetValue<string>()).ToArray();
        Assert.Equal("custom backup enabled", messages[1]);
        Assert.All(new[] { 0, 2, 3 }, i => Assert.Equal("custom backup disabled", messages[i]));
        Assert.DoesNotContain(requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    private string Address(int index) => _emulated.Fleet[index].BaseUrl.ToString();

    private static string[] Hosts(string output) =>
        [.. JsonNode.Parse(output)!["hosts"]!.AsArray().Select(h => h!["host"]!.GetValue<string>())];

    private async Task<string> InventoryAsync(bool withUser)
    {
        var yaml = new StringBuilder("hosts:\n");
        foreach (var ilo in _emulated.Fleet.Ilos)
        {
            yaml.Append($"  - host: {ilo.BaseUrl}\n    serial: {ilo.Identity.ServerSerial}\n    fingerprint: {ilo.CertificateFingerprint}\n");
            yaml.Append($"    tags: [{(ilo.Index % 2 == 0 ? "rack1" : "rack2")}]\n");
            if (withUser)
            {
                yaml.Append($"    user: {_emulated.Fleet.AdminUser}\n    password-file: {_passwordFile}\n");
            }
        }

        var path = Path.Combine(_emulated.Directory, withUser ? "with-user.yaml" : "no-user.yaml");
        await File.WriteAllTextAsync(path, yaml.ToString());
        return path;
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args) =>
        await CliRun.RunAsync([.. args, "--config", _config]);
}
