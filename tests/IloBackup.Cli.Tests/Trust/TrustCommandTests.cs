using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Redfish.Tls;

namespace IloBackup.Cli.Tests.Trust;

/// <summary>
/// Issue 15, safety 8: certificate pins can be managed (<c>trust</c>, <c>trust --list</c>, <c>untrust</c>),
/// and after a system board replacement the changed-certificate error names where the pin lives
/// (the known hosts file and line, or the inventory's file and line) and the command that updates it.
/// </summary>
public sealed class TrustCommandTests
{
    [Fact]
    public async Task Trust_list_untrust_and_a_board_replacement_named_with_its_fix()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var host = ilo.BaseUrl.ToString();
        var hostPort = $"{ilo.BaseUrl.Host}:{ilo.BaseUrl.Port}";
        var knownHosts = Path.Combine(emulated.Directory, "known_hosts");
        var config = Path.Combine(emulated.Directory, "config.yaml");
        await File.WriteAllTextAsync(config, $"known-hosts: {knownHosts}\n");
        var output = Directory.CreateDirectory(Path.Combine(emulated.Directory, "out")).FullName;
        string[] backup = ["backup", host, "-o", output, "--no-snapshot", "--overwrite", "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!, "--config", config];

        // Looking changes nothing.
        var (code, shown, error) = await RunAsync("trust", host, "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains(ilo.CertificateFingerprint, shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"ilobackup trust {hostPort} --fingerprint", shown, StringComparison.Ordinal);
        Assert.False(File.Exists(knownHosts));

        (code, _, error) = await RunAsync("trust", host, "--trust-new", "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        (code, var listed, _) = await RunAsync("trust", "--list", "--json", "--config", config);
        Assert.Equal(ExitCodes.Ok, code);
        var pin = Assert.Single(JsonNode.Parse(listed)!["pins"]!.AsArray())!;
        Assert.Equal(hostPort, (string?)pin["host"]);
        Assert.True(CertificateFingerprint.AreEqual(ilo.CertificateFingerprint, (string?)pin["fingerprint"]));
        Assert.Equal(1, (int)pin["line"]!);
        (code, _, error) = await RunAsync(backup);
        Assert.True(code == ExitCodes.Ok, error);

        // A new system board: a new certificate. The error says where the pin is and what updates it.
        ilo.ReplaceSystemBoard(TimeSpan.Zero);
        var replaced = ilo.CertificateFingerprint;
        (code, _, error) = await RunAsync(backup);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("CERTIFICATE CHANGED", error, StringComparison.Ordinal);
        Assert.Contains($"in the known hosts file {knownHosts}, line 1", error, StringComparison.Ordinal);
        Assert.Contains($"ilobackup trust {hostPort} --fingerprint {replaced}", error, StringComparison.OrdinalIgnoreCase);

        // --trust-new never replaces a pin; the named command does.
        (code, _, error) = await RunAsync("trust", host, "--trust-new", "--config", config);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains($"--fingerprint {replaced}", error, StringComparison.OrdinalIgnoreCase);
        (code, var updated, error) = await RunAsync("trust", hostPort, "--fingerprint", replaced, "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("replaced", updated, StringComparison.Ordinal);
        (code, _, error) = await RunAsync(backup);
        Assert.True(code == ExitCodes.Ok, error);

        (code, _, error) = await RunAsync("untrust", host, "--config", config);
        Assert.True(code == ExitCodes.Ok, error);
        (code, listed, _) = await RunAsync("trust", "--list", "--config", config);
        Assert.Contains("no pinned certificates", listed, StringComparison.Ordinal);
        (code, _, error) = await RunAsync("untrust", host, "--config", config);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("is not pinned", error, StringComparison.Ordinal);
        (code, _, _) = await RunAsync("trust", host, "--trust-new", "--fingerprint", replaced, "--config", config);
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task A_stale_inventory_pin_is_named_by_file_and_line()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        var line = Array.FindIndex(await File.ReadAllLinesAsync(emulated.Inventory), l => l.TrimStart().StartsWith("- host:", StringComparison.Ordinal)) + 1;
        ilo.ReplaceSystemBoard(TimeSpan.Zero);

        var (code, report, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("CERTIFICATE CHANGED", report, StringComparison.Ordinal);
        Assert.Contains($"in the inventory {emulated.Inventory}, line {line}", report + error, StringComparison.Ordinal);
        Assert.Contains("change the fingerprint there to", report, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}
