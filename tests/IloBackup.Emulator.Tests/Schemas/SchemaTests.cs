using System.Net;
using System.Xml.Linq;

namespace IloBackup.Emulator.Tests.Schemas;

public sealed class SchemaTests
{
    [Fact]
    public async Task JsonSchemas_lists_a_file_per_served_type_pointing_at_the_schema_store()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var collection = await JsonAssert.GetAsync(client, "/redfish/v1/JsonSchemas/");
        var member = await JsonAssert.GetAsync(client, "/redfish/v1/JsonSchemas/HpeiLOBackupRestoreService/");

        var ids = collection["Members"]!.AsArray().Select(m => m!["@odata.id"]!.GetValue<string>()).ToList();
        Assert.Contains("/redfish/v1/JsonSchemas/HpeiLOBackupRestoreService/", ids);
        Assert.Contains("/redfish/v1/JsonSchemas/ServiceRoot/", ids);
        Assert.Contains("/redfish/v1/JsonSchemas/Manager/", ids);
        Assert.Contains("/redfish/v1/JsonSchemas/HpeiLOBackupFile/", ids);
        Assert.Equal("#JsonSchemaFile.v1_0_4.JsonSchemaFile", member["@odata.type"]!.GetValue<string>());
        Assert.Equal("#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService", member["Schema"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/SchemaStore/en/HpeiLOBackupRestoreService.json/", member["Location"]![0]!["Uri"]!.GetValue<string>());
        Assert.Empty(emulator.Fleet[0].Nand.List());
    }

    [Fact]
    public async Task The_backup_service_schema_describes_custom_backup_and_restore_as_ilorest_shows_it()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var schema = await JsonAssert.GetAsync(client, "/redfish/v1/SchemaStore/en/HpeiLOBackupRestoreService.json/");

        Assert.Equal("#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService", schema["title"]!.GetValue<string>());
        var property = schema["properties"]!["CustomBackupandRestore"]!;
        Assert.Equal("This property indicates whether a custom backup and restore is enabled.", property["description"]!.GetValue<string>());
        Assert.Equal("boolean", property["type"]!.GetValue<string>());
        Assert.False(property["readonly"]!.GetValue<bool>());
        Assert.True(schema["properties"]!["BackupFileLocation"]!["readonly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_listed_schema_file_resolves_and_unknown_ones_are_404()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        var collection = await JsonAssert.GetAsync(client, "/redfish/v1/JsonSchemas");

        foreach (var link in collection["Members"]!.AsArray())
        {
            var member = await JsonAssert.GetAsync(client, link!["@odata.id"]!.GetValue<string>());
            var schema = await JsonAssert.GetAsync(client, member["Location"]![0]!["Uri"]!.GetValue<string>());
            Assert.Equal(member["Schema"]!.GetValue<string>(), schema["title"]!.GetValue<string>());
        }

        await JsonAssert.GetAsync(client, "/redfish/v1/SchemaStore/en/NoSuchType.json/", HttpStatusCode.NotFound);
        await JsonAssert.GetAsync(client, "/redfish/v1/JsonSchemas/NoSuchType", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_types_get_a_schema_inferred_from_a_live_instance()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        var snmp = await JsonAssert.GetAsync(client, "/redfish/v1/SchemaStore/en/HpeiLOSnmpService.json/");
        var root = await JsonAssert.GetAsync(client, "/redfish/v1/SchemaStore/en/ServiceRoot.json/");

        Assert.Equal("string", snmp["properties"]!["Contact"]!["type"]!.GetValue<string>());
        Assert.False(snmp["properties"]!["Contact"]!["readonly"]!.GetValue<bool>());
        Assert.True(snmp["properties"]!["Id"]!["readonly"]!.GetValue<bool>());
        Assert.True(root["properties"]!["RedfishVersion"]!["readonly"]!.GetValue<bool>());
        Assert.Equal("object", root["properties"]!["Oem"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Responses_point_at_their_schema_with_a_describedby_link()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();

        using var response = await client.GetAsync("/redfish/v1/Managers/1/BackupRestoreService");

        Assert.Contains("</redfish/v1/SchemaStore/en/HpeiLOBackupRestoreService.json/>; rel=describedby", response.Headers.GetValues("Link"));
    }

    [Fact]
    public async Task Metadata_is_csdl_without_authentication_and_defines_the_oem_types()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();

        using var response = await client.GetAsync("/redfish/v1/$metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var namespaces = document.Descendants(edm + "Schema").Select(s => s.Attribute("Namespace")!.Value).ToList();
        Assert.Contains("HpeiLOBackupRestoreService.v2_2_0", namespaces);
        Assert.Contains("HpeiLOBackupFile.v1_0_0", namespaces);
        var custom = document.Descendants(edm + "Property").Single(p => p.Attribute("Name")!.Value == "CustomBackupandRestore");
        Assert.Equal("Edm.Boolean", custom.Attribute("Type")!.Value);
        Assert.Contains(custom.Elements(edm + "Annotation"), a => a.Attribute("EnumMember")?.Value == "OData.Permission/ReadWrite");
        Assert.Single(document.Descendants(edm + "EntityContainer"));
    }
}
