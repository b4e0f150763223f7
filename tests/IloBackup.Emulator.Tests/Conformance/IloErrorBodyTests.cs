using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// Issue 14, "Error bodies": entries hold MessageId (and MessageArgs) only, iLO's own ids where
/// iLO has its own message, and the iLO registry is served beside the Base one (docs/emulator.md).
/// </summary>
public sealed class IloErrorBodyTests
{
    [Theory]
    [InlineData("/redfish/v1/Managers/1/DateTime", """{"DateTime":"2000-01-01T00:00:00Z"}""", "DateTime")]
    [InlineData("/redfish/v1/AccountService", """{"Bogus":1}""", "Bogus")]
    [InlineData("/redfish/v1/Managers/1/NetworkProtocol", """{"SSH":{"Nope":true}}""", "SSH/Nope")]
    [InlineData("/redfish/v1/Managers/1/BackupRestoreService", """{"BackupFileLocation":"/x"}""", "BackupFileLocation")]
    public async Task A_patch_of_a_read_only_or_unknown_property_is_ilos_PropertyNotWritableOrUnknown(string path, string body, string property)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PatchAsync(path, content);

            var error = await JsonAssert.ReadAsync(response, HttpStatusCode.BadRequest);
            var info = Assert.Single(error["error"]!["@Message.ExtendedInfo"]!.AsArray())!.AsObject();
            Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown", info["MessageId"]!.GetValue<string>());
            Assert.Equal(property, Assert.Single(info["MessageArgs"]!.AsArray())!.GetValue<string>());
            Assert.Equal(["MessageArgs", "MessageId"], info.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task No_error_entry_carries_message_severity_or_resolution()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var missing = await client.GetAsync("/redfish/v1/Systems/9");
            using var badQuery = await client.GetAsync("/redfish/v1/Systems/1?$select=");
            using var post = await client.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject { ["Password"] = "x" });
            foreach (var response in new[] { missing, badQuery, post })
            {
                var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                foreach (var entry in error["error"]!["@Message.ExtendedInfo"]!.AsArray())
                {
                    Assert.All(entry!.AsObject(), p => Assert.Contains(p.Key, new[] { "MessageId", "MessageArgs" }));
                }
            }
        }
    }

    [Fact]
    public async Task The_ilo_registry_is_listed_and_holds_every_ilo_message_the_emulator_sends_with_its_arguments()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var collection = await JsonAssert.GetAsync(client, "/redfish/v1/Registries");
            var file = await JsonAssert.GetAsync(client, Assert.Single(collection["Members"]!.AsArray(), m => m!["@odata.id"]!.GetValue<string>().EndsWith("/iLO", StringComparison.Ordinal))!["@odata.id"]!.GetValue<string>());
            Assert.Equal("iLO.2.14", file["Registry"]!.GetValue<string>());
            var registry = await JsonAssert.GetAsync(client, file["Location"]![0]!["Uri"]!.GetValue<string>());
            Assert.Equal("iLO", registry["RegistryPrefix"]!.GetValue<string>());
            Assert.Equal("iLO.2.14.0", registry["Id"]!.GetValue<string>());

            var sent = RegistryTests.SentMessages().Where(m => m.IdPrefix is not null).ToList();
            Assert.NotEmpty(sent);
            foreach (var message in sent)
            {
                Assert.StartsWith(registry["Id"]!.GetValue<string>()[..^1], message.MessageId, StringComparison.Ordinal);
                var entry = registry["Messages"]![message.Name];
                Assert.True(entry is not null, message.MessageId + " is sent but not in the iLO registry");
                Assert.Equal(message.Template.Split('%').Length - 1, entry!["NumberOfArgs"]!.GetValue<int>());
                Assert.NotEqual(message.Template, entry["Message"]!.GetValue<string>());
            }
        }
    }
}
