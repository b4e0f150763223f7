using System.Text.Json.Nodes;
using IloBackup.Engine.Inventory;

namespace IloBackup.Cli.Tests.Fleet;

public sealed class FleetCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_emulators_inventory_is_read_with_pins_and_a_password_file()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var inventory = await InventoryLoader.LoadAsync(emulated.Inventory, CancellationToken.None);

        Assert.Equal(2, inventory.Hosts.Count);
        var host = inventory.Hosts[1];
        Assert.Equal(emulated.Fleet[1].BaseUrl, host.BaseUri);
        Assert.Equal(emulated.Fleet[1].Identity.ServerSerial, host.Serial);
        Assert.Equal(emulated.Fleet[1].CertificateFingerprint, host.Fingerprint);
        Assert.Equal(emulated.Fleet.AdminUser, host.User);
        Assert.Equal("fleet-test-password", await host.Password!.ResolveAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Fifty_emulated_ilos_back_up_with_json_reporting_fifty_successes()
    {
        await using var emulated = await EmulatedFleet.StartAsync(50);

        var (code, output, error) = await RunAsync(
            "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--concurrency", "16");

        Assert.True(code == 0, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(50, (int)report["summary"]!["succeeded"]!);
        Assert.Equal(0, (int)report["summary"]!["failed"]!);
        var hosts = report["hosts"]!.AsArray();
        Assert.Equal(50, hosts.Count);
        Assert.All(hosts, h => Assert.Equal("succeeded", (string)h!["status"]!));
        Assert.Equal(
            emulated.Fleet.Ilos.Select(i => i.Identity.ServerSerial).Order(StringComparer.Ordinal),
            hosts.Select(h => (string)h!["serialNumber"]!).Order(StringComparer.Ordinal));
        Assert.All(emulated.Fleet.Ilos, i => Assert.Equal(0, i.Sessions.Count));

        (code, output, _) = await RunAsync("verify", "--repo", emulated.Repository, "--json");
        Assert.Equal(0, code);
        Assert.Equal(50, (int)JsonNode.Parse(output)!["objectsChecked"]!);
    }

    [Fact]
    public async Task Unreachable_and_wrong_password_ilos_fail_alone_and_the_exit_code_is_3()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var wrong = Path.Combine(emulated.Directory, "wrong.pw");
        await File.WriteAllTextAsync(wrong, "not-the-password\n");
        var yaml = await File.ReadAllTextAsync(emulated.Inventory);
        yaml += $"  - host: https://127.0.0.1:1\n  - host: {emulated.Fleet[1].BaseUrl}\n    password-file: {wrong}\n    fingerprint: {emulated.Fleet[1].CertificateFingerprint}\n";
        var inventory = Path.Combine(emulated.Directory, "mixed.yaml");
        await File.WriteAllTextAsync(inventory, yaml.Replace(
            $"  - host: {emulated.Fleet[1].BaseUrl.ToString().TrimEnd('/')}\n", "  - host: https://127.0.0.1:2\n", StringComparison.Ordinal));
        var html = Path.Combine(emulated.Directory, "report.html");

        var (code, output, error) = await RunAsync(
            "fleet", "backup", "--inventory", inventory, "--repo", emulated.Repository, "--json", "--html", html, "--retries", "0", "--deadline", "20s");

        Assert.True(code == 3, output + error);
        var hosts = JsonNode.Parse(output)!["hosts"]!.AsArray();
        Assert.Equal(["succeeded", "failed", "failed", "failed"], hosts.Select(h => (string)h!["status"]!));
        Assert.Contains("not-the-password", await File.ReadAllTextAsync(wrong), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("fleet-test-password", output + error, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<tr class=\"failed\">", page, StringComparison.Ordinal);
        Assert.Contains("error: fleet backup: 3 of 4 iLOs failed (reasons in the report)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_only_backs_up_just_the_ilo_whose_firmware_was_updated()
    {
        await using var emulated = await EmulatedFleet.StartAsync(3);
        var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == 0, error);

        emulated.Fleet[2].UpdateFirmware("2.80", TimeSpan.Zero);
        (code, var output, error) = await RunAsync(
            "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--stale-only");

        Assert.True(code == 0, error);
        var hosts = JsonNode.Parse(output)!["hosts"]!.AsArray();
        Assert.Equal(["skipped", "skipped", "succeeded"], hosts.Select(h => (string)h!["status"]!));
        Assert.True((bool)hosts[2]!["stale"]!);
        Assert.Equal("2.78", (string)hosts[2]!["previousFirmwareVersion"]!);
    }

    [Fact]
    public async Task Custom_backup_is_enabled_across_the_fleet()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var (code, output, error) = await RunAsync("fleet", "custom-backup", "--enable", "--inventory", emulated.Inventory, "--json");
        Assert.True(code == 0, output + error);
        Assert.Equal(2, (int)JsonNode.Parse(output)!["summary"]!["succeeded"]!);

        // Without a flag: each iLO's setting, changed by nothing (issue 15).
        (code, output, error) = await RunAsync("fleet", "custom-backup", "--inventory", emulated.Inventory, "--json");
        Assert.True(code == 0, output + error);
        Assert.All(JsonNode.Parse(output)!["hosts"]!.AsArray(), h => Assert.Equal("custom backup enabled", (string)h!["message"]!));
    }

    [Fact]
    public async Task A_bad_inventory_is_a_usage_error_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "hosts:\n  - host: a\n    pasword-env: X\n");
        try
        {
            var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", path, "--repo", Path.GetTempPath());
            Assert.Equal(2, code);
            Assert.Contains(":3: unknown key 'pasword-env'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
