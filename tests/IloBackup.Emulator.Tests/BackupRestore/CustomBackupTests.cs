using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>Custom backup and automatic restore at boot (§6).</summary>
public sealed class CustomBackupTests
{
    private static Task<EmulatorFixture> StartAsync(string? stateDirectory = null) =>
        EmulatorFixture.StartAsync(stateDirectory: stateDirectory, configure: o => o with { BackupRestore = new BackupRestoreOptions { AutoRestoreLimitedDuration = TimeSpan.FromSeconds(90) } });

    private static async Task EnableAsync(HttpClient client, bool value = true)
    {
        using var response = await client.PatchAsJsonAsync(BackupRestoreKit.ServicePath, new JsonObject { ["CustomBackupandRestore"] = value });
        await JsonAssert.ReadAsync(response);
    }

    [Fact]
    public async Task After_a_battery_failure_the_latest_backup_taken_while_enabled_comes_back_with_a_503_window()
    {
        await using var emulator = await StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        await EnableAsync(client);
        BackupRestoreKit.Configure(ilo, "first");
        await BackupRestoreKit.GetServiceAsync(client);
        var kept = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "kept"));
        await BackupRestoreKit.GetServiceAsync(client);
        BackupRestoreKit.Configure(ilo, "unsaved");

        ilo.SimulateBatteryFailure(TimeSpan.Zero);

        Assert.Equal(kept, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains(ilo.State.EventLog, e => e.Message.Contains("automatically restored", StringComparison.Ordinal));
        Assert.True(ilo.IsLimited);
        using var anonymous = emulator.Client();
        using var root = await anonymous.GetAsync("/redfish/v1/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        using var login = await anonymous.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "ops-kept", ["Password"] = "ops-password-kept" });
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        var token = login.Headers.GetValues("X-Auth-Token").Single();
        using var limited = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Managers/1");
        limited.Headers.Add("X-Auth-Token", token);
        using var unavailable = await anonymous.SendAsync(limited);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.NotNull(unavailable.Headers.RetryAfter);

        emulator.Time.Advance(TimeSpan.FromSeconds(91));
        Assert.False(ilo.IsLimited);
    }

    [Fact]
    public async Task Without_custom_backup_a_battery_failure_leaves_factory_defaults()
    {
        await using var emulator = await StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        BackupRestoreKit.Configure(ilo, "kept");
        await BackupRestoreKit.GetServiceAsync(client);

        ilo.SimulateBatteryFailure(TimeSpan.Zero);

        Assert.Equal(BackupRestoreKit.Json(ilo.CreateFactoryDefaults()), BackupRestoreKit.Json(ilo.Configuration));
        Assert.False(ilo.IsLimited);
    }

    [Fact]
    public async Task A_backup_taken_before_enabling_is_not_kept()
    {
        await using var emulator = await StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        BackupRestoreKit.Configure(ilo, "before");
        await BackupRestoreKit.GetServiceAsync(client);
        await EnableAsync(client);

        ilo.SimulateBatteryFailure(TimeSpan.Zero);

        Assert.Equal(BackupRestoreKit.Json(ilo.CreateFactoryDefaults()), BackupRestoreKit.Json(ilo.Configuration));
    }

    [Fact]
    public async Task Disabling_forgets_the_kept_configuration()
    {
        await using var emulator = await StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        await EnableAsync(client);
        BackupRestoreKit.Configure(ilo, "kept");
        await BackupRestoreKit.GetServiceAsync(client);
        await EnableAsync(client, false);
        await EnableAsync(client, true);

        ilo.SimulateBatteryFailure(TimeSpan.Zero);

        Assert.Equal(BackupRestoreKit.Json(ilo.CreateFactoryDefaults()), BackupRestoreKit.Json(ilo.Configuration));
    }

    [Theory]
    [InlineData("factory reset")]
    [InlineData("FIPS")]
    public async Task A_reset_to_factory_defaults_clears_custom_backup(string how)
    {
        await using var emulator = await StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        await EnableAsync(client);
        BackupRestoreKit.Configure(ilo, "kept");
        await BackupRestoreKit.GetServiceAsync(client);

        if (how == "FIPS")
        {
            ilo.SetSecurityState(IloSecurityState.FIPS);
            ilo.SetSecurityState(IloSecurityState.Production);
        }
        else
        {
            ilo.ResetToFactoryDefaults(TimeSpan.Zero);
        }

        var feature = BackupRestoreFeature.Of(ilo);
        Assert.False(feature.CustomBackupAndRestore);
        Assert.DoesNotContain(ilo.Nand.List(), f => f.Name.StartsWith("custom-backup", StringComparison.Ordinal));
        ilo.SimulateBatteryFailure(TimeSpan.Zero);
        Assert.Equal(BackupRestoreKit.Json(ilo.CreateFactoryDefaults()), BackupRestoreKit.Json(ilo.Configuration));
    }

    [Fact]
    public async Task An_ilo_that_boots_with_its_sram_lost_restores_the_custom_backup()
    {
        var directory = Directory.CreateTempSubdirectory("ilobackup-custom-");
        try
        {
            string kept;
            await using (var emulator = await StartAsync(directory.FullName))
            {
                var ilo = emulator.Fleet[0];
                var (client, _, _) = await emulator.LoginAsync();
                await EnableAsync(client);
                kept = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "kept"));
                await BackupRestoreKit.GetServiceAsync(client);
            }

            var sram = Directory.GetFiles(directory.FullName, "sram.json", SearchOption.AllDirectories).Single();
            File.Delete(sram);

            await using (var rebooted = await StartAsync(directory.FullName))
            {
                var ilo = rebooted.Fleet[0];
                Assert.Equal(kept, BackupRestoreKit.Json(ilo.Configuration));
                Assert.True(ilo.IsLimited);
                Assert.True(BackupRestoreFeature.Of(ilo).CustomBackupAndRestore);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
