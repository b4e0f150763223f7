using System.Net;

namespace IloBackup.Emulator.Tests;

/// <summary>§1 of the behaviour doc: service root and discovery.</summary>
public sealed class ServiceRootTests
{
    [Fact]
    public async Task Root_answers_without_authentication_with_and_without_slash()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var withSlash = await JsonAssert.GetAsync(client, "/redfish/v1/");
        Assert.Equal("/redfish/v1/", withSlash["@odata.id"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Managers/", withSlash["Managers"]!["@odata.id"]!.GetValue<string>());
        var without = await JsonAssert.GetAsync(client, "/redfish/v1");
        Assert.Equal("/redfish/v1", without["@odata.id"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Managers", without["Managers"]!["@odata.id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Root_looks_like_an_ilo_5()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var root = await JsonAssert.GetAsync(client, "/redfish/v1/");
        Assert.Equal("#ServiceRoot.v1_5_1.ServiceRoot", root["@odata.type"]!.GetValue<string>());
        Assert.Equal("RootService", root["Id"]!.GetValue<string>());
        Assert.Equal("HPE", root["Vendor"]!.GetValue<string>());
        Assert.Equal(emulator.Fleet[0].Identity.ProductName, root["Product"]!.GetValue<string>());
        Assert.True(root["ProtocolFeaturesSupported"]!["SelectQuery"]!.GetValue<bool>());
        foreach (var link in new[] { "AccountService", "Chassis", "JsonSchemas", "Managers", "Registries", "SessionService", "Systems" })
        {
            Assert.NotNull(root[link]!["@odata.id"]);
        }

        Assert.Equal("/redfish/v1/SessionService/Sessions/", root["Links"]!["Sessions"]!["@odata.id"]!.GetValue<string>());
        var hpe = root["Oem"]!["Hpe"]!;
        var manager = hpe["Manager"]![0]!;
        Assert.Equal("iLO 5", manager["ManagerType"]!.GetValue<string>());
        Assert.Equal("2.78", manager["ManagerFirmwareVersion"]!.GetValue<string>());
        Assert.Equal("iLO 5", hpe["Moniker"]!["PRODGEN"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/ResourceDirectory/", hpe["Links"]!["ResourceDirectory"]!["@odata.id"]!.GetValue<string>());
        Assert.NotNull(hpe["Sessions"]!["LoginFailureDelay"]);
    }

    [Fact]
    public async Task Redfish_entry_point_names_v1()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var body = await JsonAssert.GetAsync(client, "/redfish");
        Assert.Equal("/redfish/v1/", body["v1"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_answer_carries_the_standard_headers()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.GetAsync("/redfish/v1/");
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("W/\"", response.Headers.ETag!.ToString(), StringComparison.Ordinal);
        Assert.Equal("</redfish/v1/SchemaStore/en/ServiceRoot.json/>; rel=describedby", response.Headers.GetValues("Link").Single());
        using var error = await client.GetAsync("/redfish/v1/Managers/1");
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("4.0", error.Headers.GetValues("OData-Version").Single());
    }

    [Fact]
    public async Task Paths_are_case_insensitive_and_links_follow_the_request_slash_style()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var lower = await JsonAssert.GetAsync(client, "/redfish/v1/managers/1/");
            Assert.Equal("/redfish/v1/Managers/1/", lower["@odata.id"]!.GetValue<string>());
            Assert.Equal("/redfish/v1/Managers/1/EthernetInterfaces/", lower["EthernetInterfaces"]!["@odata.id"]!.GetValue<string>());
            Assert.EndsWith("Manager.Reset/", lower["Actions"]!["#Manager.Reset"]!["target"]!.GetValue<string>(), StringComparison.Ordinal);
            var upper = await JsonAssert.GetAsync(client, "/REDFISH/V1/MANAGERS/1");
            Assert.Equal("/redfish/v1/Managers/1", upper["@odata.id"]!.GetValue<string>());
            Assert.Equal("/redfish/v1/Managers/1/EthernetInterfaces", upper["EthernetInterfaces"]!["@odata.id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Resource_directory_lists_resources_with_type_etag_and_methods()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var directory = await JsonAssert.GetAsync(client, "/redfish/v1/ResourceDirectory/");
            var instances = directory["Instances"]!.AsArray();
            var manager = instances.Single(i => i!["@odata.id"]!.GetValue<string>() == "/redfish/v1/Managers/1/");
            Assert.Equal("#Manager.v1_5_1.Manager", manager!["@odata.type"]!.GetValue<string>());
            Assert.StartsWith("W/", manager["ETag"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("PATCH", manager["HttpMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
            var types = instances.Select(i => i!["@odata.type"]!.GetValue<string>()).ToList();
            Assert.Contains("#HpeSecurityService.v2_3_1.HpeSecurityService", types);
            Assert.Contains("#ComputerSystem.v1_13_0.ComputerSystem", types);
            Assert.Contains("#EthernetInterface.v1_4_1.EthernetInterface", types);
            Assert.DoesNotContain(instances, i => i!["@odata.id"]!.GetValue<string>().Contains("/Entries/", StringComparison.Ordinal) && !i["@odata.id"]!.GetValue<string>().EndsWith("/Entries/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Manager_has_the_links_and_actions_clients_discover()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var manager = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
            Assert.Equal("#Manager.v1_5_1.Manager", manager["@odata.type"]!.GetValue<string>());
            Assert.Equal("iLO 5 v2.78", manager["FirmwareVersion"]!.GetValue<string>());
            Assert.Equal("iLO 5", manager["Model"]!.GetValue<string>());
            Assert.Equal("BMC", manager["ManagerType"]!.GetValue<string>());
            Assert.NotNull(manager["Actions"]!["#Manager.Reset"]!["target"]);
            var hpe = manager["Oem"]!["Hpe"]!;
            Assert.Equal("Default", hpe["Actions"]!["#HpeiLO.ResetToFactoryDefaults"]!["ResetType@Redfish.AllowableValues"]![0]!.GetValue<string>());
            Assert.Equal(30, hpe["IdleConnectionTimeoutMinutes"]!.GetValue<int>());
            var links = hpe["Links"]!;
            Assert.Equal("/redfish/v1/Managers/1/BackupRestoreService", links["BackupRestoreService"]!["@odata.id"]!.GetValue<string>());
            foreach (var name in new[] { "SecurityService", "LicenseService", "SNMPService", "DateTimeService", "ActiveHealthSystem" })
            {
                Assert.NotNull(links[name]!["@odata.id"]);
            }
        }
    }

    [Fact]
    public async Task Every_listed_resource_answers_and_no_success_body_holds_the_words_clients_treat_as_failures()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var directory = await JsonAssert.GetAsync(client, "/redfish/v1/ResourceDirectory");
            var paths = directory["Instances"]!.AsArray().Select(i => i!["@odata.id"]!.GetValue<string>()).ToList();
            Assert.True(paths.Count > 30, $"only {paths.Count} resources listed");
            foreach (var path in paths.Append("/redfish/v1").Append("/redfish"))
            {
                using var response = await client.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
                foreach (var word in new[] { "OneTimePasscodeSent", "UnauthorizedLogin", "TokenExpired" })
                {
                    Assert.DoesNotContain(word, text, StringComparison.Ordinal);
                }
            }
        }
    }
}
