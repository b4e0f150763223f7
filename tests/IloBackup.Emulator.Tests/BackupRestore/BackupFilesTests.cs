using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore;

public sealed class BackupFilesTests
{
    private const string Collection = BackupRestoreKit.ServicePath + "/BackupFiles";

    [Fact]
    public async Task Post_creates_the_one_kept_file_and_the_member_describes_it()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        var empty = await JsonAssert.GetAsync(client, Collection);
        Assert.Equal(0, empty["Oem"]!["Hpe"]!["BackupFileCount"]!.GetValue<int>());

        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());

        var member = await JsonAssert.ReadAsync(created, HttpStatusCode.Created);
        const string id = "1";
        Assert.Equal(Collection + "/" + id, created.Headers.Location!.ToString());
        Assert.Equal(id, member["Id"]!.GetValue<string>());
        Assert.Equal("2026-11-23T12:00:00Z", member["Created"]!.GetValue<string>());
        Assert.Equal("2.78", member["FirmwareVersion"]!.GetValue<string>());
        Assert.Equal(ilo.Nand.List().Single().Size, member["FileSize"]!.GetValue<long>());
        Assert.Equal(Collection + "/" + id + "/Actions/HpeiLOBackupFile.Restore", member["Actions"]!["#HpeiLOBackupFile.Restore"]!["target"]!.GetValue<string>());
        var list = await JsonAssert.GetAsync(client, Collection);
        Assert.Equal(1, list["Oem"]!["Hpe"]!["BackupFileCount"]!.GetValue<int>());
        Assert.Equal(1, list["Oem"]!["Hpe"]!["BackupFilesAllowed"]!.GetValue<int>());
        Assert.Equal(Collection + "/" + id, list["Members"]![0]!["@odata.id"]!.GetValue<string>());
        var fetched = await JsonAssert.GetAsync(client, Collection + "/" + id);
        Assert.Equal(member["FileSize"]!.GetValue<long>(), fetched["FileSize"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_removes_the_file()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());
        var path = created.Headers.Location!.ToString();

        using var deleted = await client.DeleteAsync(path);
        using var again = await client.DeleteAsync(path);

        await JsonAssert.ReadAsync(deleted);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(emulator.Fleet[0].Nand.List());
        await JsonAssert.GetAsync(client, path, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_with_properties_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        using var response = await client.PostAsJsonAsync(Collection, new JsonObject { ["Name"] = "x" });

        Assert.Equal("Base.1.12.PropertyUnknown", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }

    [Fact]
    public async Task The_restore_action_restores_the_kept_file()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, _, _) = await emulator.LoginAsync();
        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());
        var member = await JsonAssert.ReadAsync(created, HttpStatusCode.Created);
        BackupRestoreKit.Configure(ilo, "changed");

        using var response = await client.PostAsJsonAsync(member["Actions"]!["#HpeiLOBackupFile.Restore"]!["target"]!.GetValue<string>(), new JsonObject());

        await JsonAssert.ReadAsync(response);
        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        BackupRestoreKit.WaitForReset(emulator, ilo);
    }

    [Fact]
    public async Task The_restore_action_needs_both_privileges_and_logs_the_refusal()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (admin, _, _) = await emulator.LoginAsync();
        using var created = await admin.PostAsJsonAsync(Collection, new JsonObject());
        var target = created.Headers.Location + "/Actions/HpeiLOBackupFile.Restore";
        var account = BackupRestoreKit.AddAccount(ilo, "config-only", IloPrivileges.Login | IloPrivileges.ILOConfig);
        var before = BackupRestoreKit.Json(ilo.Configuration);
        var (client, _, _) = await emulator.LoginAsync(user: account.User, password: account.Password);

        using var response = await client.PostAsJsonAsync(target, new JsonObject());

        Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(response, HttpStatusCode.Forbidden));
        Assert.Equal(before, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Contains("insufficient privileges", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_collection_needs_ilo_config_privilege()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var account = BackupRestoreKit.AddAccount(emulator.Fleet[0], "reader", IloRoles.ReadOnly);
        var (client, _, _) = await emulator.LoginAsync(user: account.User, password: account.Password);

        using var list = await client.GetAsync(Collection);
        using var create = await client.PostAsJsonAsync(Collection, new JsonObject());

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }
}
