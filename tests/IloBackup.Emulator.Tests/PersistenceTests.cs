using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Persistence;

namespace IloBackup.Emulator.Tests;

/// <summary>Configuration ("SRAM") and state persist atomically; a restart is a reboot that keeps them.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_keeps_identity_configuration_certificate_and_logs_but_not_sessions()
    {
        using var state = new TempDirectory();
        string serial, fingerprint, token;
        await using (var first = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            var (client, t, _) = await first.LoginAsync();
            token = t;
            using (client)
            {
                using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SnmpService", new JsonObject { ["Location"] = "DC2 row 4" });
                Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
                await AccountTests.CreateUserAsync(client, "backup-operator", "Operator");
            }

            serial = first.Fleet[0].Identity.ServerSerial;
            fingerprint = first.Fleet[0].CertificateFingerprint;
        }

        await using var second = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        var ilo = second.Fleet[0];
        Assert.Equal(serial, ilo.Identity.ServerSerial);
        Assert.Equal(fingerprint, ilo.CertificateFingerprint);
        Assert.Equal("DC2 row 4", ilo.Configuration.Snmp.Location);
        Assert.NotNull(ilo.Configuration.Users.FindByUserName("backup-operator"));
        Assert.Contains(ilo.State.EventLog, e => e.Message.StartsWith("SNMP settings changed", StringComparison.Ordinal));
        using var stale = second.Client();
        stale.DefaultRequestHeaders.Add("X-Auth-Token", token);
        using var response = await stale.GetAsync("/redfish/v1/Managers/1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var (operatorClient, _, _) = await second.LoginAsync(user: "backup-operator", password: "Secret123!");
        operatorClient.Dispose();
    }

    [Fact]
    public async Task Sram_file_is_private_and_holds_exactly_the_configuration()
    {
        using var state = new TempDirectory();
        await using (var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            emulator.Fleet[0].UpdateConfiguration(c => c with { Ipmi = c.Ipmi with { Enabled = true } });
        }

        var sram = Path.Combine(state.Path, "ilo-0", "sram.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sram));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state.Path, "admin-password")));
        }

        var json = JsonNode.Parse(File.ReadAllText(sram))!.AsObject();
        Assert.Equal(["formatVersion", "power", "network", "security", "users", "license", "snmp", "ipmi", "time"], json.Select(p => p.Key).ToArray());
        Assert.True(json["ipmi"]!["enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("securityState", File.ReadAllText(sram), StringComparison.Ordinal);
        Assert.Contains("securityState", File.ReadAllText(Path.Combine(state.Path, "ilo-0", "state.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_round_trips_through_the_source_generated_context_and_refuses_unknown_members()
    {
        var configuration = FactoryDefaults.Create("ILOX", "admin", "pw12345678") with { License = new LicenseSettings { Key = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", Name = "iLO Advanced" } };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(configuration, ConfigurationJsonContext.Default.IloConfiguration);
        var back = JsonSerializer.Deserialize(bytes, ConfigurationJsonContext.Default.IloConfiguration)!;
        Assert.Equal(JsonSerializer.Serialize(configuration, ConfigurationJsonContext.Default.IloConfiguration), JsonSerializer.Serialize(back, ConfigurationJsonContext.Default.IloConfiguration));
        Assert.Equal(configuration.Users.Accounts[0], back.Users.Accounts[0]);
        var tampered = JsonNode.Parse(bytes)!.AsObject();
        tampered["securityState"] = "FIPS";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(tampered.ToJsonString(), ConfigurationJsonContext.Default.IloConfiguration));
        Assert.DoesNotContain("pw12345678", configuration.Users.Accounts[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Atomic_write_replaces_whole_files_and_cleans_up_after_a_crash()
    {
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "sram.json");
        AtomicFile.Write(target, "old"u8);
        // A crash between writing the temporary file and the rename leaves the old file intact and a stray temp file.
        File.WriteAllText(Path.Combine(folder.Path, ".sram.json.deadbeef.tmp"), "half-writ");
        Assert.Equal("old", File.ReadAllText(target));
        AtomicFile.CleanTemporaryFiles(folder.Path);
        Assert.Equal("sram.json", Path.GetFileName(Assert.Single(Directory.GetFiles(folder.Path))));
        AtomicFile.Write(target, "new"u8);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Failed_write_leaves_the_old_configuration()
    {
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "sram.json");
        AtomicFile.Write(target, "old"u8);
        Directory.CreateDirectory(target + ".blocker");
        // Renaming over a directory fails: the old content must survive and no temporary file remain.
        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(target + ".blocker", "new"u8));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configuration_change_is_on_disk_before_it_is_visible()
    {
        using var state = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        var sram = Path.Combine(state.Path, "ilo-0", "sram.json");
        emulator.Fleet[0].UpdateConfiguration(c =>
        {
            // Inside the change nothing is written yet; afterwards the file holds the new value.
            Assert.DoesNotContain("\"enabled\":true", File.ReadAllText(sram).Split("\"ipmi\"")[1], StringComparison.Ordinal);
            return c with { Ipmi = c.Ipmi with { Enabled = true } };
        });
        Assert.Contains("\"enabled\":true", File.ReadAllText(sram).Split("\"ipmi\"")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_sram_file_boots_with_factory_defaults_and_raises_the_hook()
    {
        using var state = new TempDirectory();
        await using (var first = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            first.Fleet[0].UpdateConfiguration(c => c with { Snmp = c.Snmp with { Contact = "kept?" } });
        }

        File.Delete(Path.Combine(state.Path, "ilo-0", "sram.json"));
        await using var second = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        Assert.Equal("", second.Fleet[0].Configuration.Snmp.Contact);
        Assert.Contains(second.Fleet[0].State.EventLog, e => e.Message.StartsWith("iLO configuration lost", StringComparison.Ordinal));
    }
}
