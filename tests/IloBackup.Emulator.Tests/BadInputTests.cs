using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace IloBackup.Emulator.Tests;

/// <summary>Issue 2, "Bad input": always a 4xx with a Base registry error, never a 500, and nothing changes.</summary>
public sealed class BadInputTests
{
    private static readonly string[] PatchTargets =
    [
        "/redfish/v1/Managers/1", "/redfish/v1/Managers/1/EthernetInterfaces/1", "/redfish/v1/Managers/1/NetworkProtocol",
        "/redfish/v1/Managers/1/SnmpService", "/redfish/v1/Managers/1/DateTime", "/redfish/v1/Managers/1/SecurityService",
        "/redfish/v1/Systems/1", "/redfish/v1/AccountService", "/redfish/v1/AccountService/Accounts/1", "/redfish/v1/SessionService",
    ];

    public static TheoryData<string, string> Bodies { get; } = new()
    {
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"HostName\": " },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "[1,2,3]" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "\"text\"" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"HostName\": 42}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"HostName\": \"bad name!\"}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"HostName\": \"a\", \"HostName\": \"b\"}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"NoSuchProperty\": 1}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"MACAddress\": \"00:11:22:33:44:55\"}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"IPv4StaticAddresses\": [{\"Address\": \"300.1.1.1\"}]}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"VLAN\": {\"VLANEnable\": true, \"VLANId\": 5000}}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"DHCPv4\": {\"DHCPEnabled\": \"yes\"}}" },
        { "/redfish/v1/Managers/1/EthernetInterfaces/1", "{\"@odata.id\": \"/x\"}" },
        { "/redfish/v1/Managers/1/NetworkProtocol", "{\"HTTPS\": {\"Port\": 70000}}" },
        { "/redfish/v1/Managers/1/NetworkProtocol", "{\"HTTP\": {\"Port\": 443}}" },
        { "/redfish/v1/Managers/1/NetworkProtocol", "{\"NTP\": {\"NTPServers\": [\"a\", \"b\", \"c\"]}}" },
        { "/redfish/v1/Managers/1/DateTime", "{\"TimeZone\": {\"Name\": \"Atlantis\"}}" },
        { "/redfish/v1/Managers/1/DateTime", "{\"DateTime\": \"2020-01-01T00:00:00Z\"}" },
        { "/redfish/v1/Managers/1/SecurityService", "{\"SecurityState\": \"Paranoid\"}" },
        { "/redfish/v1/Managers/1/SnmpService", "{\"ReadCommunities\": [\"a\", \"b\", \"c\", \"d\"]}" },
        { "/redfish/v1/Systems/1", "{\"IndicatorLED\": \"Blinking\"}" },
        { "/redfish/v1/Systems/1", "{\"PowerState\": \"Off\"}" },
        { "/redfish/v1/AccountService/Accounts/1", "{\"RoleId\": \"God\"}" },
        { "/redfish/v1/AccountService/Accounts/1", "{\"Oem\": {\"Hpe\": {\"Privileges\": {\"LoginPriv\": 1}}}}" },
        { "/redfish/v1/AccountService", "{\"MinPasswordLength\": -1}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_bodies_get_a_4xx_base_error_and_change_nothing(string path, string json)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = emulator.Fleet[0].Configuration;
            var beforeState = emulator.Fleet[0].State with { EventLog = [] };
            using var response = await client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{path} {json} → {status}");
            await JsonAssert.ErrorAsync(response, response.StatusCode);
            Assert.Same(before, emulator.Fleet[0].Configuration);
            Assert.Equal(beforeState.SecurityState, emulator.Fleet[0].State.SecurityState);
            Assert.Equal(beforeState.IndicatorLed, emulator.Fleet[0].State.IndicatorLed);
        }
    }

    [Fact]
    public async Task Bodies_over_one_mebibyte_get_413()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var big = "{\"Contact\": \"" + new string('a', 1024 * 1024) + "\"}";
            using var response = await client.PatchAsync("/redfish/v1/Managers/1/SnmpService", new StringContent(big, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            await JsonAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);

            using var chunked = new HttpRequestMessage(HttpMethod.Patch, "/redfish/v1/Managers/1/SnmpService")
            {
                Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
            };
            chunked.Headers.TransferEncodingChunked = true;
            using var streamed = await client.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
            Assert.Equal("", emulator.Fleet[0].Configuration.Snmp.Contact);
        }
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
            using var response = await client.PatchAsync("/redfish/v1/Managers/1/SnmpService", new StringContent(deep, Encoding.UTF8, "application/json"));
            Assert.Equal("Base.1.12.MalformedJSON", await JsonAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        }
    }

    [Theory]
    [InlineData("/redfish/v1/../../etc/passwd")]
    [InlineData("/redfish/v1/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/redfish/v1/AccountService/Accounts/..%2f..%2fetc")]
    [InlineData("/redfish/v1/Managers/1/LogServices/IEL/Entries/-1")]
    [InlineData("/redfish/v1/Managers/1/LogServices/IEL/Entries/99999999999999999999")]
    public async Task Traversal_and_odd_paths_get_404(string path)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await JsonAssert.ErrorAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Random_json_never_yields_a_500()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var names = Gen.OneOfConst("HostName", "Contact", "Port", "HTTP", "IPMI", "NTP", "TimeZone", "Oem", "Hpe", "Privileges", "RoleId",
                "Password", "UserName", "SecurityState", "VLAN", "DHCPv4", "StaticNTPServers", "ReadCommunities", "IndicatorLED", "LicenseKey", "x");
            var leaf = Gen.OneOf<JsonNode?>(
                Gen.Int.Select(i => (JsonNode?)i),
                Gen.String.Select(s => (JsonNode?)s),
                Gen.Bool.Select(b => (JsonNode?)b),
                Gen.Int.Select(_ => (JsonNode?)null),
                Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)d : 0));
            var node = leaf.SelectMany(l => names.SelectMany(n => Gen.Int[0, 3].Select(shape => shape switch
            {
                0 => l,
                1 => new JsonObject { [n] = l },
                2 => new JsonArray(l),
                _ => (JsonNode?)new JsonObject { [n] = new JsonObject { [n] = l } },
            })));
            var body = Gen.Dictionary(names, node)[0, 4].Select(d => new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))));
            var target = Gen.OneOfConst(PatchTargets);
            await Gen.Select(target, body).SampleAsync(
                async sample =>
                {
                    var (path, json) = sample;
                    using var response = await client.PatchAsync(path, new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));
                    return (int)response.StatusCode < 500;
                },
                iter: 300);
        }
    }
}
