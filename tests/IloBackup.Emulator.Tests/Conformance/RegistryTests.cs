using System.Reflection;
using System.Text.RegularExpressions;
using IloBackup.Emulator.Redfish;

namespace IloBackup.Emulator.Tests.Conformance;

/// <summary>
/// Issue 14: the registries are served under /redfish/v1/Registries/ so a client can look up a
/// MessageId's text; ids and arguments are DMTF's, the texts are ours.
/// </summary>
public sealed partial class RegistryTests
{
    [Fact]
    public async Task The_base_registry_is_listed_and_its_location_serves_every_message_the_emulator_sends()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var collection = await JsonAssert.GetAsync(client, "/redfish/v1/Registries");
            var filePath = Assert.Single(collection["Members"]!.AsArray(), m => m!["@odata.id"]!.GetValue<string>().EndsWith("/Base", StringComparison.Ordinal))!["@odata.id"]!.GetValue<string>();
            var file = await JsonAssert.GetAsync(client, filePath);
            Assert.Equal("Base.1.12", file["Registry"]!.GetValue<string>());
            var registry = await JsonAssert.GetAsync(client, file["Location"]![0]!["Uri"]!.GetValue<string>());

            Assert.Equal("Base", registry["RegistryPrefix"]!.GetValue<string>());
            Assert.StartsWith(BaseMessages.RegistryPrefix.TrimEnd('.'), registry["Id"]!.GetValue<string>(), StringComparison.Ordinal);
            var messages = registry["Messages"]!.AsObject();
            foreach (var sent in SentMessages().Where(m => m.IdPrefix is null))
            {
                var entry = messages[sent.Name];
                Assert.True(entry is not null, $"{sent.MessageId} is sent but not in the served registry");
                Assert.NotEqual(sent.Template, entry!["Message"]!.GetValue<string>());
            }

            foreach (var (name, entry) in messages)
            {
                var text = entry!["Message"]!.GetValue<string>();
                var placeholders = Placeholder().Matches(text).Select(m => m.Value).Distinct().Count();
                Assert.True(placeholders == entry["NumberOfArgs"]!.GetValue<int>(), $"{name}: {placeholders} placeholders, NumberOfArgs {entry["NumberOfArgs"]}");
                Assert.Equal(entry["NumberOfArgs"]!.GetValue<int>(), entry["ParamTypes"]!.AsArray().Count);
            }
        }
    }

    /// <summary>Every message of the emulator's error table (read by reflection, in the test only).</summary>
    internal static IEnumerable<BaseMessage> SentMessages() =>
        typeof(BaseMessages).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(BaseMessage))
            .Select(p => (BaseMessage)p.GetValue(null)!);

    [GeneratedRegex("%[0-9]")]
    private static partial Regex Placeholder();
}
