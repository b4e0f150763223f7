using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Tests;

/// <summary>The scenario controls of issue 2, as C# methods and through the control endpoint.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public async Task A_reset_drops_connections_until_it_is_over_then_all_sessions_are_gone()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var reset = await client.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Manager.Reset", new JsonObject { ["ResetType"] = "GracefulRestart" });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.False(emulator.Fleet[0].IsReachable);
            await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/redfish/v1/"));
            emulator.Time.Advance(TimeSpan.FromSeconds(29));
            await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/redfish/v1/"));
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            await JsonAssert.GetAsync(client, "/redfish/v1/");
            using var old = await client.GetAsync("/redfish/v1/Managers/1");
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }
    }

    [Fact]
    public async Task A_reset_over_a_real_socket_refuses_connections()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        using var client = new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = emulator.Fleet[0].BaseUrl };
        await JsonAssert.GetAsync(client, "/redfish/v1/");
        emulator.Fleet[0].Reset("test", TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/redfish/v1/"));
        emulator.Time.Advance(TimeSpan.FromSeconds(10));
        await JsonAssert.GetAsync(client, "/redfish/v1/");
    }

    [Fact]
    public async Task Battery_failure_loses_the_configuration_keeps_the_state_and_raises_the_hook()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.UpdateConfiguration(c => c with { Snmp = c.Snmp with { Contact = "noc" }, License = new Configuration.LicenseSettings { Key = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" } });
        ilo.SetIndicatorLed("Lit");
        ilo.SetSecurityState(IloSecurityState.HighSecurity);
        var reasons = new List<ConfigurationResetEventArgs>();
        ilo.ConfigurationReset += (_, e) => reasons.Add(e);
        ilo.SimulateBatteryFailure();
        Assert.Equal(ConfigurationResetReason.BatteryFailure, Assert.Single(reasons).Reason);
        Assert.True(reasons[0].ConfigurationLostAtBoot);
        Assert.Equal("", ilo.Configuration.Snmp.Contact);
        Assert.Null(ilo.Configuration.License.Key);
        Assert.Equal("Lit", ilo.State.IndicatorLed);
        Assert.Equal(IloSecurityState.HighSecurity, ilo.State.SecurityState);
        Assert.Contains(ilo.State.EventLog, e => e.Message.StartsWith("SRAM battery failure", StringComparison.Ordinal));
        Assert.False(ilo.IsReachable);
        emulator.Time.Advance(TimeSpan.FromSeconds(30));
        var (client, _, _) = await emulator.LoginAsync();
        client.Dispose();
    }

    [Fact]
    public async Task Custom_restore_can_plug_into_the_boot_hook()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = ilo.UpdateConfiguration(c => c with { Snmp = c.Snmp with { Location = "saved" } });
        ilo.ConfigurationReset += (_, e) =>
        {
            if (e.ConfigurationLostAtBoot)
            {
                ilo.ReplaceConfiguration(saved);
                ilo.StartLimitedAvailability(TimeSpan.FromSeconds(120));
            }
        };
        ilo.SimulateBatteryFailure(TimeSpan.Zero);
        Assert.Equal("saved", ilo.Configuration.Snmp.Location);
        using var client = emulator.Client();
        using var limited = await client.GetAsync("/redfish/v1/Managers/1");
        Assert.Equal("Base.1.12.ServiceTemporarilyUnavailable", await JsonAssert.ErrorAsync(limited, HttpStatusCode.ServiceUnavailable));
        Assert.Equal("120", limited.Headers.GetValues("Retry-After").Single());
        emulator.Time.Advance(TimeSpan.FromSeconds(120));
        var (after, _, _) = await emulator.LoginAsync();
        after.Dispose();
    }

    [Fact]
    public async Task Factory_reset_action_restores_defaults()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            await AccountTests.CreateUserAsync(client, "extra", "Operator");
            using var bad = await client.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Oem/Hpe/HpeiLO.ResetToFactoryDefaults", new JsonObject { ["ResetType"] = "Everything" });
            Assert.Equal("Base.1.12.ActionParameterValueNotInList", await JsonAssert.ErrorAsync(bad, HttpStatusCode.BadRequest));
            using var reset = await client.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Oem/Hpe/HpeiLO.ResetToFactoryDefaults", new JsonObject { ["ResetType"] = "Default" });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        var ilo = emulator.Fleet[0];
        Assert.Single(ilo.Configuration.Users.Accounts);
        Assert.Equal(0, ilo.Sessions.Count);
    }

    [Fact]
    public async Task Board_replacement_keeps_the_server_and_changes_the_ilo()
    {
        using var state = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        var ilo = emulator.Fleet[0];
        var before = ilo.Identity;
        var fingerprint = ilo.CertificateFingerprint;
        ilo.UpdateConfiguration(c => c with { Snmp = c.Snmp with { Contact = "x" } });
        using (var nand = ilo.Nand.Create("old.bak"))
        {
            nand.Stream.Write("bytes"u8);
            nand.Commit();
        }

        var reasons = new List<ConfigurationResetReason>();
        ilo.ConfigurationReset += (_, e) => reasons.Add(e.Reason);
        ilo.ReplaceSystemBoard();
        var after = ilo.Identity;
        Assert.Equal((before.ServerSerial, before.ProductId, before.ProductName, before.Uuid), (after.ServerSerial, after.ProductId, after.ProductName, after.Uuid));
        Assert.NotEqual(before.BoardSerial, after.BoardSerial);
        Assert.NotEqual(before.MacAddress, after.MacAddress);
        Assert.NotEqual(fingerprint, ilo.CertificateFingerprint);
        Assert.Equal("", ilo.Configuration.Snmp.Contact);
        Assert.Empty(ilo.Nand.List());
        Assert.Equal([ConfigurationResetReason.BoardReplacement], reasons);
        var kept = new Persistence.IloStateStore(Path.Combine(state.Path, "ilo-0")).LoadIdentity()!;
        Assert.Equal(after.BoardSerial, kept.BoardSerial);
    }

    [Fact]
    public async Task License_loss_and_firmware_update()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.UpdateConfiguration(c => c with { License = new Configuration.LicenseSettings { Key = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", Name = "iLO Advanced" } });
        ilo.LoseLicense();
        Assert.Null(ilo.Configuration.License.Key);
        Assert.Contains(ilo.State.EventLog, e => e.Message == "iLO license key removed.");
        ilo.UpdateFirmware("3.01", TimeSpan.FromSeconds(5));
        Assert.Contains(ilo.State.EventLog, e => e.Message == "Firmware flashed from 2.78 to 3.01.");
        Assert.False(ilo.IsReachable);
        emulator.Time.Advance(TimeSpan.FromSeconds(5));
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            Assert.Equal("iLO 5 v3.01", (await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1"))["FirmwareVersion"]!.GetValue<string>());
        }

        Assert.True(ilo.Identity.Firmware.IsAtLeast(2, 72));
        Assert.Throws<FormatException>(() => ilo.UpdateFirmware("latest"));
    }

    [Fact]
    public async Task Control_api_lists_ilos_and_runs_scenarios()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2);
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        var list = JsonNode.Parse(await control.GetStringAsync("ilos"))!.AsArray();
        Assert.Equal(2, list.Count);
        Assert.Equal(emulator.Fleet[1].Identity.ServerSerial, list[1]!["serial"]!.GetValue<string>());
        Assert.Equal(emulator.Fleet[1].CertificateFingerprint, list[1]!["fingerprint"]!.GetValue<string>());

        emulator.Fleet[1].UpdateConfiguration(c => c with { Snmp = c.Snmp with { Contact = "x" } });
        using (var battery = await control.PostAsJsonAsync("ilos/1/battery-failure", new JsonObject { ["seconds"] = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, battery.StatusCode);
        }

        Assert.Equal("", emulator.Fleet[1].Configuration.Snmp.Contact);
        Assert.False(emulator.Fleet[1].IsReachable);
        Assert.True(emulator.Fleet[0].IsReachable);
        using (var firmware = await control.PostAsJsonAsync("ilos/0/firmware-update", new JsonObject { ["version"] = "2.80", ["seconds"] = 0 }))
        {
            Assert.Equal("2.80", (await JsonAssert.ReadAsync(firmware))["firmware"]!.GetValue<string>());
        }

        using (var reset = await control.PostAsJsonAsync("ilos/0/reset", new JsonObject { ["seconds"] = 7 }))
        {
            Assert.False((await JsonAssert.ReadAsync(reset))["reachable"]!.GetValue<bool>());
        }

        foreach (var scenario in new[] { "factory-reset", "board-replacement", "license-loss" })
        {
            using var response = await control.PostAsync("ilos/1/" + scenario, null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var log = JsonNode.Parse(await control.GetStringAsync("ilos/1/event-log"))!.AsArray();
        Assert.Contains(log, e => e!["message"]!.GetValue<string>() == "New system board detected.");
        var configuration = JsonNode.Parse(await control.GetStringAsync("ilos/0/configuration"))!;
        Assert.Equal("(redacted)", configuration["users"]!["accounts"]![0]!["password"]!.GetValue<string>());

        using var unknownIlo = await control.PostAsync("ilos/9/reset", null);
        Assert.Equal(HttpStatusCode.NotFound, unknownIlo.StatusCode);
        using var unknownScenario = await control.PostAsync("ilos/0/explode", null);
        Assert.Equal(HttpStatusCode.NotFound, unknownScenario.StatusCode);
        using var badBody = await control.PostAsync("ilos/0/reset", new StringContent("{nope"));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        using var badVersion = await control.PostAsJsonAsync("ilos/0/firmware-update", new JsonObject { ["version"] = "new" });
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        using var wrongMethod = await control.GetAsync("ilos/0/reset");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Control_endpoint_listens_on_its_own_port_apart_from_the_ilos()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { ControlPort = 0 });
        var fleet = emulator.Fleet;
        Assert.NotNull(fleet.ControlUrl);
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var control = new HttpClient(handler) { BaseAddress = fleet.ControlUrl };
        using (var anonymous = await control.PostAsJsonAsync("ilos/0/reset", new JsonObject { ["seconds"] = 1 }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }

        Assert.True(fleet[0].IsReachable);

        // Without a state directory the secret is in a private temporary folder, removed at the end.
        var file = fleet.ControlSecretFile!;
        Assert.Equal(fleet.ControlSecret + "\n", await File.ReadAllTextAsync(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }

        control.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(file)).Trim());
        using var reset = await control.PostAsJsonAsync("ilos/0/reset", new JsonObject { ["seconds"] = 1 });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False(fleet[0].IsReachable);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        // The control API is not reachable through an iLO's port, even with the secret.
        using var ilo = new HttpClient(fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = fleet[0].BaseUrl };
        ilo.DefaultRequestHeaders.Authorization = control.DefaultRequestHeaders.Authorization;
        using var notThere = await ilo.GetAsync("/ilos");
        Assert.Equal("Base.1.12.ResourceMissingAtURI", await JsonAssert.ErrorAsync(notThere, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Without_a_state_directory_the_control_secret_file_goes_away_with_the_fleet()
    {
        string file;
        await using (var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { ControlPort = 0 }))
        {
            file = emulator.Fleet.ControlSecretFile!;
            Assert.StartsWith(Path.GetTempPath(), file, StringComparison.Ordinal);
            Assert.True(File.Exists(file));
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }
}
