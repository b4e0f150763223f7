using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>
/// Issue 14, "The download is not the kept backup": reading the service makes a download under
/// /bkupdata/ and leaves BackupFiles alone; only a POST to the collection makes the kept backup
/// (member 1), in iLO's shape; ResourceDirectory lists the collection.
/// </summary>
public sealed class KeptBackupTests
{
    private const string Collection = BackupRestoreKit.ServicePath + "/BackupFiles";

    [Fact]
    public async Task Reading_the_service_leaves_BackupFiles_empty_and_a_kept_backup_unchanged()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();

        var service = await JsonAssert.GetAsync(client, BackupRestoreKit.ServicePath);
        var empty = await JsonAssert.GetAsync(client, Collection);
        Assert.Empty(empty["Members"]!.AsArray());
        Assert.Equal(0, empty["Oem"]!["Hpe"]!["BackupFileCount"]!.GetValue<int>());
        Assert.StartsWith("/bkupdata/HPE_", service["BackupFileLocation"]!.GetValue<string>(), StringComparison.Ordinal);

        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());
        var kept = await JsonAssert.ReadAsync(created, HttpStatusCode.Created);
        var keptBytes = ilo.Nand.List().Single(f => !f.Name.StartsWith("HPE_", StringComparison.Ordinal));
        emulator.Time.Advance(TimeSpan.FromMinutes(5));
        BackupRestoreKit.Configure(ilo, "changed after the kept backup");
        await JsonAssert.GetAsync(client, BackupRestoreKit.ServicePath);
        await JsonAssert.GetAsync(client, BackupRestoreKit.ServicePath);

        var list = await JsonAssert.GetAsync(client, Collection);
        var member = await JsonAssert.GetAsync(client, Collection + "/1");
        Assert.Equal(Collection + "/1", Assert.Single(list["Members"]!.AsArray())!["@odata.id"]!.GetValue<string>());
        Assert.Equal(kept["Created"]!.GetValue<string>(), member["Created"]!.GetValue<string>());
        Assert.Equal(keptBytes.Size, member["FileSize"]!.GetValue<long>());
        Assert.Single(ilo.Nand.List(), f => f.Name.StartsWith("HPE_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_collection_and_its_member_have_ilos_names_ids_and_firmware_form()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var list = await JsonAssert.GetAsync(client, Collection);
        var member = await JsonAssert.GetAsync(client, Collection + "/1");

        Assert.Equal("Backup File Collection", list["Name"]!.GetValue<string>());
        Assert.Equal("#HpeiLOBackupFileCollection.HpeiLOBackupFileCollection", list["@odata.type"]!.GetValue<string>());
        var hpe = list["Oem"]!["Hpe"]!;
        Assert.Equal("#HpeiLOBackupFilesInformation.v1_0_0.HpeiLOBackupFilesInformation", hpe["@odata.type"]!.GetValue<string>());
        Assert.Equal(1, hpe["BackupFileCount"]!.GetValue<int>());
        Assert.Equal(1, hpe["BackupFilesAllowed"]!.GetValue<int>());
        Assert.Equal("1", member["Id"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+$", member["FirmwareVersion"]!.GetValue<string>());
        Assert.Equal(Collection + "/1", created.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_kept_backup_is_not_served_as_a_download()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using var created = await client.PostAsJsonAsync(Collection, new JsonObject());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var download = await client.GetAsync("/bkupdata/kept-backup-1.bak");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Resource_directory_lists_the_backup_file_collection()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var directory = await JsonAssert.GetAsync(client, "/redfish/v1/ResourceDirectory");

        var instance = Assert.Single(directory["Instances"]!.AsArray(), i => i!["@odata.type"]!.GetValue<string>().StartsWith("#HpeiLOBackupFileCollection.", StringComparison.Ordinal));
        Assert.Equal(Collection, instance!["@odata.id"]!.GetValue<string>());
        Assert.Contains("POST", instance["HttpMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }
}
