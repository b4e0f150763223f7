using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Tests.Authorization;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// Issue 14, "If-Match": every route of the route table that takes PATCH (enumerated, so a new one
/// cannot escape) answers a stale <c>If-Match</c> with 412 and changes nothing, and applies the
/// change with the current ETag. docs/emulator.md, "If-Match".
/// </summary>
public sealed class IfMatchEveryPatchRouteTests
{
    /// <summary>Per PATCH route: the concrete path, and two different changes it accepts.</summary>
    private static readonly Dictionary<string, (string Path, string First, string Second)> Changes = new(StringComparer.Ordinal)
    {
        ["/redfish/v1/Managers/1/SecurityService"] = ("/redfish/v1/Managers/1/SecurityService",
            """{"LoginSecurityBanner":{"IsEnabled":true,"SecurityMessage":"first banner"}}""", """{"LoginSecurityBanner":{"SecurityMessage":"second banner"}}"""),
        ["/redfish/v1/Managers/1/NetworkProtocol"] = ("/redfish/v1/Managers/1/NetworkProtocol",
            """{"SNMP":{"Port":1161}}""", """{"SNMP":{"Port":1261}}"""),
        ["/redfish/v1/Managers/1/DateTime"] = ("/redfish/v1/Managers/1/DateTime",
            """{"StaticNTPServers":["192.0.2.10"]}""", """{"StaticNTPServers":["192.0.2.20"]}"""),
        ["/redfish/v1/Managers/1/SnmpService"] = ("/redfish/v1/Managers/1/SnmpService",
            """{"Contact":"first contact"}""", """{"Contact":"second contact"}"""),
        ["/redfish/v1/Managers/1/EthernetInterfaces/1"] = ("/redfish/v1/Managers/1/EthernetInterfaces/1",
            """{"HostName":"first-host"}""", """{"HostName":"second-host"}"""),
        ["/redfish/v1/Managers/1/BackupRestoreService"] = ("/redfish/v1/Managers/1/BackupRestoreService",
            """{"CustomBackupandRestore":true}""", """{"CustomBackupandRestore":false}"""),
        ["/redfish/v1/Systems/1"] = ("/redfish/v1/Systems/1",
            """{"IndicatorLED":"Lit"}""", """{"IndicatorLED":"Off"}"""),
        ["/redfish/v1/AccountService/Accounts/{id}"] = ("/redfish/v1/AccountService/Accounts/1",
            """{"Oem":{"Hpe":{"LoginName":"First Name"}}}""", """{"Oem":{"Hpe":{"LoginName":"Second Name"}}}"""),
        ["/redfish/v1/AccountService"] = ("/redfish/v1/AccountService",
            """{"MinPasswordLength":10}""", """{"MinPasswordLength":12}"""),
        ["/redfish/v1/Managers/1"] = ("/redfish/v1/Managers/1",
            """{"Oem":{"Hpe":{"IdleConnectionTimeoutMinutes":60}}}""", """{"Oem":{"Hpe":{"IdleConnectionTimeoutMinutes":120}}}"""),
        ["/redfish/v1/SessionService"] = ("/redfish/v1/SessionService",
            """{"SessionTimeout":3600}""", """{"SessionTimeout":7200}"""),
    };

    public static TheoryData<string> PatchRoutes()
    {
        var data = new TheoryData<string>();
        foreach (var route in AuthorizationMatrixTests.AllRoutes().Where(r => r.Method == "PATCH"))
        {
            data.Add(route.Template);
        }

        return data;
    }

    [Fact]
    public void Every_patch_route_of_the_table_has_its_changes_here()
    {
        var templates = AuthorizationMatrixTests.AllRoutes().Where(r => r.Method == "PATCH").Select(r => r.Template).ToList();
        Assert.True(templates.Count >= 11, $"only {templates.Count} PATCH routes: is the table enumerated?");
        Assert.All(templates, t => Assert.True(Changes.ContainsKey(t), t + " takes PATCH but the If-Match test has no change for it"));
    }

    [Theory]
    [MemberData(nameof(PatchRoutes))]
    public async Task Stale_if_match_gets_412_and_changes_nothing_the_current_one_applies(string template)
    {
        var (path, first, second) = Changes[template];
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var (before, original) = await ReadAsync(client, path);

            using (var applied = await PatchAsync(client, path, first, original))
            {
                Assert.True(applied.IsSuccessStatusCode, $"{path} with its current ETag: {(int)applied.StatusCode} {await applied.Content.ReadAsStringAsync()}");
            }

            var (changed, current) = await ReadAsync(client, path);
            Assert.NotEqual(original, current);
            Assert.NotEqual(before.ToJsonString(), changed.ToJsonString());

            using (var refused = await PatchAsync(client, path, second, original))
            {
                Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
                var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
                Assert.EndsWith(".PreconditionFailed", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            var (after, unchanged) = await ReadAsync(client, path);
            Assert.Equal(current, unchanged);
            Assert.Equal(Stable(changed), Stable(after));

            using var again = await PatchAsync(client, path, second, unchanged);
            Assert.True(again.IsSuccessStatusCode, $"{path} with the ETag read after the 412: {(int)again.StatusCode}");
        }
    }

    private static async Task<(JsonObject Body, string ETag)> ReadAsync(HttpClient client, string path)
    {
        var body = await JsonAssert.GetAsync(client, path);
        return (body, body["@odata.etag"]!.GetValue<string>());
    }

    /// <summary>The resource without what changes by itself (clock, the download's fresh file name).</summary>
    private static string Stable(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        foreach (var name in new[] { "DateTime", "BackupFileLocation", "@odata.etag" })
        {
            copy.Remove(name);
        }

        return copy.ToJsonString();
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string path, string body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }
}
