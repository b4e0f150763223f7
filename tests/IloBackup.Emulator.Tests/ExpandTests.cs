using System.Net;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

/// <summary>
/// <c>$expand=.</c> on the collections a snapshot reads, as a client sees it (issue 5): advertised in
/// the service root, every member inline exactly as its own GET renders it, one level only, links
/// under <c>Links</c> left alone.
/// </summary>
public sealed class ExpandTests
{
    [Fact]
    public async Task The_service_root_advertises_expand_with_subordinate_links_and_one_level()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var expand = (await JsonAssert.GetAsync(client, "/redfish/v1/"))["ProtocolFeaturesSupported"]!["ExpandQuery"]!;
        Assert.True(expand["NoLinks"]!.GetValue<bool>());
        Assert.True(expand["Levels"]!.GetValue<bool>());
        Assert.Equal(1, expand["MaxLevels"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/redfish/v1/AccountService/Accounts/", "$expand=.")]
    [InlineData("/redfish/v1/AccountService/Accounts", "$expand=.($levels=1)")]
    [InlineData("/redfish/v1/Managers/1/EthernetInterfaces/", "$expand=.")]
    [InlineData("/redfish/v1/Managers/1/LicenseService/", "$expand=.")]
    [InlineData("/redfish/v1/managers/1/licenseservice", "$expand=.")]
    public async Task Members_are_inline_exactly_as_their_own_GET_renders_them(string collection, string query)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            await AccountTests.CreateUserAsync(admin, "operator1", "Operator");
            await AccountTests.CreateUserAsync(admin, "reader1", "ReadOnly");
            var plain = await JsonAssert.GetAsync(admin, collection);
            var expanded = await JsonAssert.GetAsync(admin, collection + "?" + query);

            var links = plain["Members"]!.AsArray().Select(m => m!["@odata.id"]!.GetValue<string>()).ToList();
            var members = expanded["Members"]!.AsArray();
            Assert.NotEmpty(links);
            Assert.Equal(links.Count, members.Count);
            for (var i = 0; i < links.Count; i++)
            {
                var own = await JsonAssert.GetAsync(admin, links[i]);
                Assert.True(JsonNode.DeepEquals(own, members[i]), $"{links[i]}:\nown GET {own}\ninline {members[i]}");
            }

            // Apart from its members, the collection reads as without $expand.
            expanded.Remove("Members");
            plain.Remove("Members");
            expanded.Remove("@odata.etag");
            plain.Remove("@odata.etag");
            Assert.True(JsonNode.DeepEquals(plain, expanded), $"plain {plain}\nexpanded {expanded}");
        }
    }

    [Fact]
    public async Task One_level_only_and_links_under_Links_stay_links()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            var accounts = await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Accounts/?$expand=.");
            var account = accounts["Members"]![0]!.AsObject();
            var role = account["Links"]!["Role"]!.AsObject();
            Assert.Equal(["@odata.id"], role.Select(p => p.Key));

            // $expand=. on a resource (not a collection) inlines its subordinate resources, not what they link to.
            var service = await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/?$expand=.");
            var inline = service["Accounts"]!["Members"]![0]!.AsObject();
            Assert.Equal(["@odata.id"], inline.Select(p => p.Key));
        }
    }

    [Fact]
    public async Task Expand_needs_a_session_like_the_members_themselves()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = emulator.Client();
        using var refused = await anonymous.GetAsync("/redfish/v1/AccountService/Accounts/?$expand=.");
        Assert.Equal("Base.1.12.NoValidSession", await JsonAssert.ErrorAsync(refused, HttpStatusCode.Unauthorized));
    }
}
