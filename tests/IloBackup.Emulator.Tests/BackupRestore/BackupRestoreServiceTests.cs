using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore;

public sealed class BackupRestoreServiceTests
{
    [Fact]
    public async Task Get_creates_the_backup_file_and_answers_the_ilo_body()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();

        var body = await BackupRestoreKit.GetServiceAsync(client);

        var expected = $"/bkupdata/HPE_{ilo.Identity.ServerSerial}_20261123_1200.bak";
        Assert.Equal("#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService", body["@odata.type"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/$metadata#HpeiLOBackupRestoreService.HpeiLOBackupRestoreService", body["@odata.context"]!.GetValue<string>());
        Assert.Equal(BackupRestoreKit.ServicePath, body["@odata.id"]!.GetValue<string>());
        Assert.Equal(expected, body["BackupFileLocation"]!.GetValue<string>());
        Assert.Equal("/cgi-bin/uploadRestoreFile", body["HttpPushUri"]!.GetValue<string>());
        Assert.Equal(BackupRestoreKit.ServicePath + "/BackupFiles", body["BackupFiles"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal("BackupRestoreService", body["Id"]!.GetValue<string>());
        Assert.Equal("Backup Restore Service", body["Name"]!.GetValue<string>());
        Assert.False(body["CustomBackupandRestore"]!.GetValue<bool>());
        Assert.NotNull(body["@odata.etag"]);
        Assert.Contains(ilo.Nand.List(), f => "/bkupdata/" + f.Name == expected);
    }

    [Fact]
    public async Task Paths_are_case_insensitive_keep_the_trailing_slash_and_honour_select()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var body = await JsonAssert.GetAsync(client, "/redfish/v1/managers/1/backuprestoreservice/?$select=BackupFileLocation");

        Assert.Equal(BackupRestoreKit.ServicePath + "/", body["@odata.id"]!.GetValue<string>());
        Assert.StartsWith("/bkupdata/HPE_", body["BackupFileLocation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["HttpPushUri"]);
        var push = await JsonAssert.GetAsync(client, "/redfish/v1/managers/1/backuprestoreservice/?$select=HttpPushUri");
        Assert.Equal("/cgi-bin/uploadRestoreFile", push["HttpPushUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manager_links_the_service_and_the_resource_directory_lists_it_by_type_without_calling_it()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var manager = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
        var directory = await JsonAssert.GetAsync(client, "/redfish/v1/ResourceDirectory");

        Assert.Equal(BackupRestoreKit.ServicePath, manager["Oem"]!["Hpe"]!["Links"]!["BackupRestoreService"]!["@odata.id"]!.GetValue<string>());
        Assert.Contains(directory["Instances"]!.AsArray(), i => i!["@odata.type"]!.GetValue<string>() == "#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService");
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }

    [Fact]
    public async Task Backup_seconds_make_the_get_answer_only_once_the_file_exists()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { BackupRestore = new BackupRestoreOptions { BackupDuration = TimeSpan.FromSeconds(20) } });
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();

        var started = emulator.Time.GetUtcNow();
        var pending = client.GetAsync(BackupRestoreKit.ServicePath);
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            if (emulator.Time.GetUtcNow() - started < TimeSpan.FromSeconds(20))
            {
                Assert.Empty(ilo.Nand.List());
            }

            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.True(emulator.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(20));
        var body = await JsonAssert.ReadAsync(response);
        Assert.EndsWith("_20261123_1200.bak", body["BackupFileLocation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(ilo.Nand.List());
    }

    [Fact]
    public async Task A_user_without_ilo_config_privilege_gets_403_and_no_file()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (user, password) = BackupRestoreKit.AddAccount(ilo, "operator", IloRoles.Operator);
        var (client, _, _) = await emulator.LoginAsync(user: user, password: password);

        using var response = await client.GetAsync(BackupRestoreKit.ServicePath);

        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(response, HttpStatusCode.Forbidden));
        Assert.Empty(ilo.Nand.List());
    }

    [Fact]
    public async Task Without_a_session_the_service_is_401_and_no_file_is_made()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();

        using var response = await client.GetAsync(BackupRestoreKit.ServicePath);

        Assert.Equal("Base.1.12.NoValidSession", await JsonAssert.ErrorAsync(response, HttpStatusCode.Unauthorized));
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }

    [Fact]
    public async Task A_new_backup_replaces_the_previous_one()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        await BackupRestoreKit.GetServiceAsync(client);
        emulator.Time.Advance(TimeSpan.FromMinutes(5));

        var body = await BackupRestoreKit.GetServiceAsync(client);

        var file = Assert.Single(emulator.Fleet[0].Nand.List());
        Assert.Equal(body["BackupFileLocation"]!.GetValue<string>(), "/bkupdata/" + file.Name);
        Assert.EndsWith("_1205.bak", file.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_of_custom_backup_and_restore_changes_it_and_logs_every_time()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();

        foreach (var value in new[] { true, true, false })
        {
            var before = ilo.State.EventLog.Count;
            using var response = await client.PatchAsJsonAsync(BackupRestoreKit.ServicePath, new JsonObject { ["CustomBackupandRestore"] = value });
            await JsonAssert.ReadAsync(response);
            Assert.Equal(before + 1, ilo.State.EventLog.Count);
            Assert.Contains("Custom backup and restore " + (value ? "enabled" : "disabled"), ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
            var body = await BackupRestoreKit.GetServiceAsync(client);
            Assert.Equal(value, body["CustomBackupandRestore"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData("BackupFileLocation", "\"/bkupdata/x.bak\"")]
    [InlineData("HttpPushUri", "\"/x\"")]
    [InlineData("Name", "\"x\"")]
    [InlineData("NoSuchProperty", "1")]
    public async Task Patch_of_any_other_property_is_property_not_writable_and_changes_nothing(string property, string value)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        using var response = await client.PatchAsync(BackupRestoreKit.ServicePath, JsonContent(
            $"{{\"CustomBackupandRestore\": true, \"{property}\": {value}}}"));

        var body = await JsonAssert.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>());
        Assert.Equal(property, body["error"]!["@Message.ExtendedInfo"]![0]!["MessageArgs"]![0]!.GetValue<string>());
        Assert.False(BackupRestoreFeature.Of(emulator.Fleet[0]).CustomBackupAndRestore);
    }

    [Fact]
    public async Task Patch_with_a_wrong_type_is_a_type_error()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        using var response = await client.PatchAsync(BackupRestoreKit.ServicePath, JsonContent("{\"CustomBackupandRestore\": \"yes\"}"));

        Assert.Equal("Base.1.12.PropertyValueTypeError", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData(5, "2.71", false)]
    [InlineData(5, "2.72", true)]
    [InlineData(6, "1.09", false)]
    [InlineData(6, "1.10", true)]
    public async Task Custom_backup_exists_from_ilo5_272_and_ilo6_110(int generation, string firmware, bool present)
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { Generation = generation, Firmware = firmware });
        var (client, _, _) = await emulator.LoginAsync();

        var body = await BackupRestoreKit.GetServiceAsync(client);
        using var response = await client.PatchAsJsonAsync(BackupRestoreKit.ServicePath, new JsonObject { ["CustomBackupandRestore"] = true });

        Assert.Equal(present, body.ContainsKey("CustomBackupandRestore"));
        if (present)
        {
            await JsonAssert.ReadAsync(response);
        }
        else
        {
            Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        }
    }

    [Theory]
    [InlineData(IloSecurityState.FIPS)]
    [InlineData(IloSecurityState.SuiteB)]
    public async Task Custom_backup_is_refused_in_fips_and_cnsa(IloSecurityState state)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.SetSecurityState(state);
        var (client, _, _) = await emulator.LoginAsync();

        using var response = await client.PatchAsJsonAsync(BackupRestoreKit.ServicePath, new JsonObject { ["CustomBackupandRestore"] = true });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(BackupRestoreFeature.Of(ilo).CustomBackupAndRestore);
    }

    [Fact]
    public async Task Patch_needs_ilo_config_privilege()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (user, password) = BackupRestoreKit.AddAccount(emulator.Fleet[0], "reader", IloRoles.ReadOnly);
        var (client, _, _) = await emulator.LoginAsync(user: user, password: password);

        using var response = await client.PatchAsJsonAsync(BackupRestoreKit.ServicePath, new JsonObject { ["CustomBackupandRestore"] = true });

        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(response, HttpStatusCode.Forbidden));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
