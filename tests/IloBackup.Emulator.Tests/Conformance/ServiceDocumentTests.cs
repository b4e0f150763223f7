using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// What DMTF's validators found missing or misshapen in the emulator's documents and resources
/// (issue 14, "The DMTF validators: 0 FAIL"); each behaviour and its source: docs/emulator.md.
/// </summary>
public sealed class ServiceDocumentTests
{
    [Fact]
    public async Task Redfish_entry_point_is_exactly_the_v1_link_without_an_etag()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        foreach (var path in new[] { "/redfish", "/redfish/" })
        {
            using var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"v1\":\"/redfish/v1/\"}", await response.Content.ReadAsStringAsync());
            Assert.Null(response.Headers.ETag);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        }
    }

    [Fact]
    public async Task OData_service_document_answers_without_authentication_and_names_every_child_of_the_root()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();

        var document = await JsonAssert.GetAsync(client, "/redfish/v1/odata");
        var root = await JsonAssert.GetAsync(client, "/redfish/v1/");

        Assert.Equal("/redfish/v1/$metadata", document["@odata.context"]!.GetValue<string>());
        Assert.Null(document["@odata.etag"]);
        var value = document["value"]!.AsArray().Select(v => v!.AsObject()).ToList();
        Assert.All(value, v => Assert.Equal("Singleton", v["kind"]!.GetValue<string>()));
        var byName = value.ToDictionary(v => v["name"]!.GetValue<string>(), v => v["url"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/", byName["Service"]);
        foreach (var (name, link) in root.Where(p => p.Value is JsonObject o && o.ContainsKey("@odata.id") && p.Key != "Oem"))
        {
            Assert.Equal(link!["@odata.id"]!.GetValue<string>().TrimEnd('/'), byName[name].TrimEnd('/'));
        }

        Assert.Equal(root["Links"]!["Sessions"]!["@odata.id"]!.GetValue<string>().TrimEnd('/'), byName["Sessions"]);
    }

    [Fact]
    public async Task Metadata_holds_the_entity_container_in_its_first_schema()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.GetAsync("/redfish/v1/$metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace edmx = "http://docs.oasis-open.org/odata/ns/edmx";
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";

        var first = document.Root!.Element(edmx + "DataServices")!.Elements(edm + "Schema").First();

        Assert.Equal("Service", first.Attribute("Namespace")!.Value);
        Assert.Equal("Service", first.Element(edm + "EntityContainer")!.Attribute("Name")!.Value);
    }

    [Theory]
    [InlineData("/redfish/v1/Managers/1/LogServices/IEL", "Hpe-iLOEventLog")]
    [InlineData("/redfish/v1/Systems/1/LogServices/IML", "Hpe-IML")]
    public async Task Log_entry_collections_serve_full_members_equal_to_each_entry(string log, string format)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        ilo.AppendEventLog("Test event one.");
        ilo.AppendIml("Test IML event.", "Warning");
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var collection = await JsonAssert.GetAsync(client, log + "/Entries");
            var members = collection["Members"]!.AsArray();

            Assert.NotEmpty(members);
            Assert.Equal(members.Count, collection["Members@odata.count"]!.GetValue<int>());
            foreach (var member in members.Select(m => m!.AsObject()))
            {
                Assert.Equal("#LogEntry.v1_0_0.LogEntry", member["@odata.type"]!.GetValue<string>());
                foreach (var name in new[] { "Id", "Name", "Created", "EntryType", "Message", "Severity" })
                {
                    Assert.NotNull(member[name]);
                }

                Assert.Equal(format, member["OemRecordFormat"]!.GetValue<string>());
                var hpe = member["Oem"]!["Hpe"]!;
                Assert.True(hpe["Class"]!.GetValue<int>() > 0);
                Assert.True(hpe["Code"]!.GetValue<int>() > 0);
                Assert.Equal(int.Parse(member["Id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), hpe["EventNumber"]!.GetValue<int>());
                Assert.NotEmpty(hpe["Categories"]!.AsArray());
                var alone = await JsonAssert.GetAsync(client, member["@odata.id"]!.GetValue<string>());
                alone.Remove("@odata.etag");
                Assert.True(JsonNode.DeepEquals(alone, member), $"{member["@odata.id"]}: the member differs from its own GET");
            }
        }
    }

    [Fact]
    public async Task Network_protocol_has_no_NTP_and_refuses_it_in_a_PATCH()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/NetworkProtocol");
            Assert.Equal("#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol", body["@odata.type"]!.GetValue<string>());
            Assert.Null(body["NTP"]);
            var before = emulator.Fleet[0].Configuration.Time;

            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/NetworkProtocol", new JsonObject
            {
                ["NTP"] = new JsonObject { ["NTPServers"] = new JsonArray("ntp1.example.com") },
            });

            Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
            Assert.Equal(before, emulator.Fleet[0].Configuration.Time);
            var dateTime = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/DateTime");
            Assert.NotNull(dateTime["StaticNTPServers"]);
        }
    }

    [Fact]
    public async Task Manager_has_no_serial_number()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var manager = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
            Assert.Equal("#Manager.v1_5_1.Manager", manager["@odata.type"]!.GetValue<string>());
            Assert.Null(manager["SerialNumber"]);
        }
    }

    [Theory]
    [InlineData("AlwaysOn", "PowerOn")]
    [InlineData("AlwaysOff", "PowerOff")]
    [InlineData("LastState", "Restore")]
    public async Task System_is_v1_13_0_and_shows_auto_power_on_under_Oem_Hpe_and_takes_it_in_a_PATCH(string policy, string autoOn)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Systems/1", new JsonObject
            {
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["PowerAutoOn"] = autoOn } },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

            var system = await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1");
            Assert.Equal("#ComputerSystem.v1_13_0.ComputerSystem", system["@odata.type"]!.GetValue<string>());
            Assert.Equal(autoOn, system["Oem"]!["Hpe"]!["PowerAutoOn"]!.GetValue<string>());
            Assert.Equal(policy, system["PowerRestorePolicy"]!.GetValue<string>());
            Assert.Equal(policy, emulator.Fleet[0].Configuration.Power.PowerRestorePolicy);
        }
    }

    [Fact]
    public async Task A_PATCH_naming_two_different_auto_power_on_settings_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = emulator.Fleet[0].Configuration.Power;
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Systems/1", new JsonObject
            {
                ["PowerRestorePolicy"] = "AlwaysOn",
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["PowerAutoOn"] = "PowerOff" } },
            });

            Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
            Assert.Equal(before, emulator.Fleet[0].Configuration.Power);
        }
    }
}
