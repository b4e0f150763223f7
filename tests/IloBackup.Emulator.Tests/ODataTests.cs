using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

/// <summary>$select, $expand, only, other $ options, ETag/If-Match, 404 and 405.</summary>
public sealed class ODataTests
{
    [Fact]
    public async Task Select_keeps_the_odata_properties_and_the_chosen_ones()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/?$select=FirmwareVersion,Oem/Hpe/Links");
            Assert.Equal(["@odata.context", "@odata.id", "@odata.type", "@odata.etag", "FirmwareVersion", "Oem"], body.Select(p => p.Key).ToArray());
            Assert.Equal("/redfish/v1/Managers/1/BackupRestoreService/", body["Oem"]!["Hpe"]!["Links"]!["BackupRestoreService"]!["@odata.id"]!.GetValue<string>());
            Assert.Single(body["Oem"]!["Hpe"]!.AsObject());
        }
    }

    [Fact]
    public async Task Expand_replaces_member_links_by_the_members()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/LogServices/?$expand=.");
            Assert.Equal("#LogService.v1_0_0.LogService", body["Members"]![0]!["@odata.type"]!.GetValue<string>());
            var levels = await JsonAssert.GetAsync(client, "/redfish/v1/Managers?$expand=*($levels=1)");
            Assert.Equal("iLO 5 v2.78", levels["Members"]![0]!["FirmwareVersion"]!.GetValue<string>());
            using var bad = await client.GetAsync("/redfish/v1/Managers?$expand=everything");
            Assert.Equal("Base.1.12.QueryParameterValueFormatError", await JsonAssert.ErrorAsync(bad, HttpStatusCode.BadRequest));
        }
    }

    [Fact]
    public async Task Only_returns_the_single_member()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Systems/?only");
            Assert.Equal("#ComputerSystem.v1_13_0.ComputerSystem", body["@odata.type"]!.GetValue<string>());
            Assert.Equal("/redfish/v1/Systems/1/", body["@odata.id"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("$top=1")]
    [InlineData("$skip=1")]
    [InlineData("$filter=Id eq '1'")]
    [InlineData("$orderby=Id")]
    [InlineData("$levels=2")]
    public async Task Other_dollar_parameters_get_501(string query)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var response = await client.GetAsync("/redfish/v1/Managers?" + query);
            Assert.Equal("Base.1.12.QueryNotSupported", await JsonAssert.ErrorAsync(response, HttpStatusCode.NotImplemented));
        }
    }

    [Fact]
    public async Task If_match_with_a_stale_etag_gets_412_and_the_current_one_succeeds()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var get = await client.GetAsync("/redfish/v1/Managers/1/SnmpService");
            var etag = get.Headers.ETag!.ToString();
            var body = await JsonAssert.ReadAsync(get);
            Assert.Equal(etag, body["@odata.etag"]!.GetValue<string>());

            using var stale = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Managers/1/SnmpService") { Content = JsonContent.Create(new JsonObject { ["Contact"] = "ops" }) };
            stale.Headers.TryAddWithoutValidation("If-Match", "W/\"00000000\"");
            using var refused = await client.SendAsync(stale);
            Assert.Equal("Base.1.12.PreconditionFailed", await JsonAssert.ErrorAsync(refused, HttpStatusCode.PreconditionFailed));
            Assert.Equal("", emulator.Fleet[0].Configuration.Snmp.Contact);

            using var fresh = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Managers/1/SnmpService") { Content = JsonContent.Create(new JsonObject { ["Contact"] = "ops" }) };
            fresh.Headers.TryAddWithoutValidation("If-Match", etag);
            using var accepted = await client.SendAsync(fresh);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("ops", emulator.Fleet[0].Configuration.Snmp.Contact);

            using var after = await client.GetAsync("/redfish/v1/Managers/1/SnmpService");
            Assert.NotEqual(etag, after.Headers.ETag!.ToString());
        }
    }

    [Fact]
    public async Task Unknown_paths_get_404_and_wrong_methods_get_405_with_allow()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var missing = await client.GetAsync("/redfish/v1/NoSuchThing");
            Assert.Equal("Base.1.12.ResourceMissingAtURI", await JsonAssert.ErrorAsync(missing, HttpStatusCode.NotFound));
            using var notAllowed = await client.DeleteAsync("/redfish/v1/Managers/1");
            Assert.Equal("Base.1.12.OperationNotAllowed", await JsonAssert.ErrorAsync(notAllowed, HttpStatusCode.MethodNotAllowed));
            Assert.Equal(["GET", "HEAD", "PATCH"], notAllowed.Content.Headers.Allow.ToArray());
            using var chassis = await client.PatchAsJsonAsync("/redfish/v1/Chassis/1", new JsonObject());
            Assert.Equal(HttpStatusCode.MethodNotAllowed, chassis.StatusCode);
        }
    }

    [Fact]
    public async Task Head_answers_headers_without_body()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/redfish/v1/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Etag_ignores_the_clock_so_if_match_works_a_minute_later()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var get = await client.GetAsync("/redfish/v1/Managers/1/DateTime");
            var etag = get.Headers.ETag!.ToString();
            emulator.Time.Advance(TimeSpan.FromMinutes(1));
            using var again = await client.GetAsync("/redfish/v1/Managers/1/DateTime");
            Assert.Equal(etag, again.Headers.ETag!.ToString());
            Assert.NotEqual((await JsonAssert.ReadAsync(get))["DateTime"]!.GetValue<string>(), (await JsonAssert.ReadAsync(again))["DateTime"]!.GetValue<string>());
            using var patch = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Managers/1/DateTime") { Content = JsonContent.Create(new JsonObject { ["StaticNTPServers"] = new JsonArray("ntp.example.com") }) };
            patch.Headers.TryAddWithoutValidation("If-Match", etag);
            using var patched = await client.SendAsync(patch);
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
    }
}
