using System.Text.Json.Nodes;
using IloBackup.Cli.Demo;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Fleet;

/// <summary>
/// Issue 15 through the CLI, on emulated iLOs: the nightly backup after a battery failure is marked suspect in every
/// report (item 1), restore by serial passes it over and shows what it will change (item 2), and a damaged newest
/// backup is passed over or refused naming the id to use (item 4).
/// </summary>
public sealed class BatteryFailureRecoveryTests
{
    [Fact]
    public async Task The_backup_after_a_battery_failure_is_suspect_and_restore_by_serial_brings_back_the_configuration_before_it()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        foreach (var i in emulated.Fleet.Ilos)
        {
            DemoSite.Configure(i);
        }

        var ilo = emulated.Fleet[1];
        var serial = ilo.Identity.ServerSerial;
        var configured = ilo.Configuration.Network.HostName;
        var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == 0, error);

        ilo.SimulateBatteryFailure(TimeSpan.Zero);
        Assert.Equal($"ILO{serial}", ilo.Configuration.Network.HostName);
        var html = Path.Combine(emulated.Directory, "report.html");
        (code, var output, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json", "--html", html);

        Assert.True(code == ExitCodes.Suspect, output + error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)report["summary"]!["suspect"]!);
        var suspectHost = report["hosts"]!.AsArray().Single(h => (bool?)h!["suspect"] == true)!;
        var suspectId = (long)suspectHost["backupId"]!;
        Assert.StartsWith("looks like factory defaults", (string)suspectHost["suspectReason"]!, StringComparison.Ordinal);
        Assert.Contains($"backup {suspectId} is suspect", error, StringComparison.Ordinal);
        Assert.Contains("class=\"suspect\"", await File.ReadAllTextAsync(html), StringComparison.Ordinal);

        (_, output, _) = await RunAsync("history", "--serial", serial, "--repo", emulated.Repository);
        Assert.Contains("suspect: looks like factory defaults", output, StringComparison.Ordinal);
        (_, output, _) = await RunAsync("show", suspectId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", emulated.Repository);
        Assert.Contains("suspect   yes: looks like factory defaults", output, StringComparison.Ordinal);

        (code, output, error) = await RunAsync(Restore(emulated, ilo, "--dry-run"));
        Assert.True(code == 0, output + error);
        Assert.Contains($"skipped backup {suspectId} (taken ", output, StringComparison.Ordinal);
        Assert.Contains("marked suspect: looks like factory defaults", output, StringComparison.Ordinal);
        Assert.Contains("what the restore changes (live configuration -> backup):", output, StringComparison.Ordinal);
        Assert.Contains($"~ $.sections.network.Members.1.HostName: \"ILO{serial}\" -> \"{configured}\"", output, StringComparison.Ordinal);

        (code, output, error) = await RunAsync(Restore(emulated, ilo, "--yes"));
        Assert.True(code == 0, output + error);
        Assert.Equal(configured, ilo.Configuration.Network.HostName);
        Assert.Equal("iLO Advanced", ilo.Configuration.License.LicenseName);
    }

    [Fact]
    public async Task A_damaged_newest_backup_is_passed_over_by_serial_and_refused_by_id_naming_the_one_to_use()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        DemoSite.Configure(ilo);
        Assert.Equal(0, (await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository)).Code);
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "second" } });
        Assert.Equal(0, (await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository)).Code);
        long older, newer;
        await using (var repo = await BackupRepository.OpenAsync(emulated.Repository, new BackupRepositoryOptions { ReadOnly = true }, CancellationToken.None))
        {
            var history = await repo.HistoryAsync(ilo.Identity.ServerSerial, CancellationToken.None);
            (newer, older) = (history[0].Id, history[1].Id);
            await File.WriteAllTextAsync(repo.Objects.PathOf(history[0].Sha256!), "damaged");
        }

        var (code, output, error) = await RunAsync(Restore(emulated, ilo, "--dry-run"));
        Assert.True(code == 0, output + error);
        Assert.Contains($"backup {older} of {ilo.Identity.ServerSerial}", output, StringComparison.Ordinal);
        Assert.Contains($"skipped backup {newer} (taken ", output, StringComparison.Ordinal);
        Assert.Contains("its file fails its hash check", output, StringComparison.Ordinal);

        (code, _, error) = await RunAsync(Restore(emulated, ilo, "--dry-run", "--backup", newer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, code);
        Assert.Contains($"backup {newer} is not a good backup: its file fails its hash check", error, StringComparison.Ordinal);
        Assert.Contains($"use --backup {older}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_anything_is_uploaded_the_pre_flight_shows_what_the_restore_will_change_as_diff_renders_it()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var ilo = emulated.Fleet[0];
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "web-07" }, Snmp = c.Snmp with { Contact = "noc" } });
        Assert.Equal(0, (await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository)).Code);
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "renamed" }, Snmp = c.Snmp with { Contact = "someone else" } });

        var (code, output, error) = await RunAsync(Restore(emulated, ilo, "--dry-run"));

        Assert.True(code == 0, output + error);
        var changes = output[output.IndexOf("what the restore changes (live configuration -> backup):", StringComparison.Ordinal)..];
        Assert.Contains("~ $.sections.network.Members.1.HostName: \"renamed\" -> \"web-07\"", changes, StringComparison.Ordinal);
        Assert.Contains("~ $.sections.snmp.Contact: \"someone else\" -> \"noc\"", changes, StringComparison.Ordinal);
        Assert.Contains("difference(s)", changes, StringComparison.Ordinal);
        Assert.Equal("renamed", ilo.Configuration.Network.HostName);

        (code, output, _) = await RunAsync([.. Restore(emulated, ilo, "--dry-run"), "--json"]);
        Assert.Equal(0, code);
        Assert.Contains(JsonNode.Parse(output)!["changes"]!.AsArray(), c => ((string?)c)!.Contains("\"web-07\"", StringComparison.Ordinal));
    }

    private static string[] Restore(EmulatedFleet emulated, IloBackup.Emulator.Ilo.VirtualIlo ilo, params string[] extra) =>
    [
        "restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--fingerprint", ilo.CertificateFingerprint,
        "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!, "--poll-interval", "100ms", "--deadline", "30s", .. extra,
    ];

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}
