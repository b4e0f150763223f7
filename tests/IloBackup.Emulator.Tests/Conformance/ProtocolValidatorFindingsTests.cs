using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// The Redfish-Protocol-Validator's findings (issue 14, "The DMTF validators: 0 FAIL"), one test
/// each: the assertion's name is in the test's name. Sources: docs/emulator.md, "DMTF validators".
/// </summary>
public sealed class ProtocolValidatorFindingsTests
{
    [Theory]
    [InlineData("GET", "/redfish/v1/SessionService/Sessions/")]
    [InlineData("GET", "/redfish/v1/Systems/")]
    [InlineData("POST", "/redfish/v1/AccountService/Accounts/")]
    [InlineData("GET", "/redfish/v1/Managers/1/BackupRestoreService")]
    public async Task RESP_HEADERS_WWW_AUTHENTICATE_every_401_carries_a_basic_challenge(string method, string path)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Equal("realm=\"iLO\"", challenge.Parameter);
    }

    [Fact]
    public async Task RESP_HEADERS_WWW_AUTHENTICATE_a_wrong_password_gets_the_challenge_too()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        client.DefaultRequestHeaders.Authorization = EmulatorFixture.Basic(emulator.Fleet.AdminUser, "wrong");
        using var response = await client.GetAsync("/redfish/v1/Systems/1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("4.1", HttpStatusCode.PreconditionFailed)]
    [InlineData("5.0", HttpStatusCode.PreconditionFailed)]
    [InlineData("4.0", HttpStatusCode.OK)]
    public async Task REQ_HEADERS_ODATA_VERSION_only_4_0_is_served(string version, HttpStatusCode expected)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/");
        request.Headers.Add("OData-Version", version);
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.PreconditionFailed)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Base.1.12.PreconditionFailed", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task REQ_PATCH_ODATA_PROPS_a_patch_of_only_annotations_is_NoOperation_and_changes_nothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            const string path = "/redfish/v1/AccountService/Accounts/1";
            var before = await JsonAssert.GetAsync(client, path);
            using var content = new StringContent("""{"@odata.id":"/redfish/v1/AccountService/Accounts/1","@odata.type":"#ManagerAccount.v1_3_0.ManagerAccount","RoleId@odata.type":"#x"}""", Encoding.UTF8, "application/json");
            using var response = await client.PatchAsync(path, content);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("Base.1.12.NoOperation", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>());
            var after = await JsonAssert.GetAsync(client, path);
            Assert.Equal(before["@odata.etag"]!.GetValue<string>(), after["@odata.etag"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task REQ_PATCH_ODATA_PROPS_an_annotation_beside_a_property_is_still_refused_as_before()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var content = new StringContent("""{"@odata.id":"x","Bogus":1}""", Encoding.UTF8, "application/json");
            using var response = await client.PatchAsync("/redfish/v1/AccountService/Accounts/1", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("NoOperation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("?only=foo")]
    [InlineData("?only=1")]
    public async Task REQ_QUERY_INVALID_VALUES_only_takes_no_value(string query)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var refused = await client.GetAsync("/redfish/v1/SessionService/Sessions/" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal("Base.1.12.QueryParameterValueFormatError", body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>());

            using var accepted = await client.GetAsync("/redfish/v1/SessionService/Sessions/?only");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }

    [Fact]
    public async Task REQ_POST_CREATE_TO_MEMBERS_PROP_posting_to_sessions_members_logs_in()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/Members", new JsonObject
        {
            ["UserName"] = emulator.Fleet.AdminUser,
            ["Password"] = EmulatorFixture.Password,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = response.Headers.GetValues("X-Auth-Token").Single();
        var location = response.Headers.Location!.AbsolutePath;
        Assert.StartsWith("/redfish/v1/SessionService/Sessions/", location, StringComparison.Ordinal);
        Assert.DoesNotContain("/Members/", location, StringComparison.Ordinal);

        using var session = new HttpRequestMessage(HttpMethod.Get, location);
        session.Headers.Add("X-Auth-Token", token);
        using var read = await client.SendAsync(session);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var wrong = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/Members", new JsonObject
        {
            ["UserName"] = emulator.Fleet.AdminUser,
            ["Password"] = "wrong",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
