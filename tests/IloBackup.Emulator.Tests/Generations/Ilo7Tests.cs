using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.Generations;

/// <summary>Issue 16: the emulator plays iLO 7 as HPE documents it (docs/emulator.md, "iLO generations").</summary>
public sealed class Ilo7Tests
{
    private static Task<EmulatorFixture> StartIlo7Async(string? firmware = null) =>
        EmulatorFixture.StartAsync(configure: o => o with { Generation = 7, Firmware = firmware });

    [Fact]
    public async Task An_ilo_7_reports_its_generation_firmware_form_and_types()
    {
        await using var emulator = await StartIlo7Async();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var manager = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
            var system = await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1");
            var service = await BackupRestoreKit.GetServiceAsync(client);
            var security = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/SecurityService");

            Assert.Equal("iLO 7 v1.12.00", manager["FirmwareVersion"]!.GetValue<string>());
            Assert.Equal("iLO 7", manager["Model"]!.GetValue<string>());
            Assert.Equal("#ComputerSystem.v1_18_0.ComputerSystem", system["@odata.type"]!.GetValue<string>());
            Assert.EndsWith("Gen12", system["Model"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.StartsWith("#HpeiLOBackupRestoreService.v2_2_0.", service["@odata.type"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("SecureStandard", security["SecurityState"]!.GetValue<string>());
            Assert.Equal(["SecureStandard", "FIPS", "SuiteB"], security["SecurityState@Redfish.AllowableValues"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal(IloSecurityState.SecureStandard, ilo.State.SecurityState);
        }
    }

    [Fact]
    public async Task Custom_backup_is_offered_in_SecureStandard_and_refused_in_FIPS()
    {
        await using var emulator = await StartIlo7Async();
        var feature = BackupRestoreFeature.Of(emulator.Fleet[0]);
        Assert.True(feature.SupportsCustomBackup);
        Assert.True(feature.CustomBackupAllowedInSecurityState);

        emulator.Fleet[0].SetSecurityState(IloSecurityState.FIPS);

        Assert.False(feature.CustomBackupAllowedInSecurityState);
        emulator.Fleet[0].ResetToFactoryDefaults(TimeSpan.Zero);
        Assert.Equal(IloSecurityState.SecureStandard, emulator.Fleet[0].State.SecurityState);
    }

    [Fact]
    public async Task Production_is_not_a_state_of_ilo_7()
    {
        await using var emulator = await StartIlo7Async();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var response = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService", new JsonObject { ["SecurityState"] = "Production" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(IloSecurityState.SecureStandard, emulator.Fleet[0].State.SecurityState);
        }
    }

    [Fact]
    public async Task A_backup_of_an_ilo_7_restores_onto_it_and_carries_its_firmware()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Generation = 7,
            BackupRestore = o.BackupRestore with { InternalBackupDuration = TimeSpan.Zero },
        });
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "ilo7"));
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            var (_, file) = await BackupRestoreKit.BackupAsync(client);
            var files = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/BackupRestoreService/BackupFiles");
            BackupRestoreKit.Configure(ilo, "changed");
            using var restore = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));

            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
            Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
            Assert.NotNull(files["Members"]);
            BackupRestoreKit.WaitForReset(emulator, ilo);
        }
    }

    [Theory]
    [InlineData(7, "1.12")]
    [InlineData(7, "1.12.0")]
    [InlineData(6, "1.12.00")]
    [InlineData(8, null)]
    public async Task Bad_generations_and_firmware_forms_are_refused(int generation, string? firmware)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorFixture.StartAsync(configure: o => o with { Generation = generation, Firmware = firmware }));
        Assert.Contains(generation == 8 ? "5, 6 or 7" : "must look like", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Firmware_versions_of_both_forms_parse_and_compare()
    {
        var ilo7 = IloFirmware.Parse("1.12.00");
        Assert.Equal(new IloFirmware(1, 12) { Patch = 0 }, ilo7);
        Assert.Equal("1.12.00", ilo7.ToString());
        Assert.Equal("2.78", IloFirmware.Parse("2.78").ToString());
        Assert.True(IloFirmware.Parse("1.12.01") > ilo7);
        Assert.True(IloFirmware.Parse("1.20.00") > IloFirmware.Parse("1.12.05"));
        Assert.True(ilo7.IsAtLeast(1, 12));
        Assert.False(IloFirmware.TryParse("1.12.0", out _));
        Assert.False(IloFirmware.TryParse("1.12.00.1", out _));
        Assert.Equal(EmulatorOptions.DefaultFirmware(7), ilo7.ToString());
    }
}
