using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests;

/// <summary>
/// Cacheable GETs reuse their rendered answer only while nothing they show changed: every change
/// (PATCH, restore, scenario, reset, fault, the clock's second) shows in the very next GET, and
/// authentication and privileges are checked on every request, cached or not.
/// </summary>
public sealed class AnswerCacheTests
{
    private const string Manager = "/redfish/v1/Managers/1/";

    [Fact]
    public async Task Repeated_gets_answer_the_same_bytes_and_etag_while_nothing_changes()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var (first, firstTag) = await RawAsync(client, Manager);
            var (second, secondTag) = await RawAsync(client, Manager);
            Assert.Equal(first, second);
            Assert.Equal(firstTag, secondTag);
            Assert.Equal(firstTag, JsonNode.Parse(first)!["@odata.etag"]!.GetValue<string>());
            Assert.Contains("\"@odata.id\":\"/redfish/v1/Managers/1/\"", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_resource_read_once_keeps_no_copy_of_its_answer()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var cache = Redfish.RenderedAnswerCache.Of(emulator.Fleet[0]);
            await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/SnmpService/");
            await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1/");
            Assert.Equal(0, cache.KeptAnswers);
            await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1/");
            Assert.Equal(1, cache.KeptAnswers);
        }
    }

    [Fact]
    public async Task A_patch_shows_in_the_next_get_with_a_new_etag()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = await JsonAssert.GetAsync(client, Manager);
            Assert.Equal(30, before["Oem"]!["Hpe"]!["IdleConnectionTimeoutMinutes"]!.GetValue<int>());
            using var patch = await client.PatchAsJsonAsync(Manager, new JsonObject { ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["IdleConnectionTimeoutMinutes"] = 60 } } });
            await JsonAssert.ReadAsync(patch);
            var after = await JsonAssert.GetAsync(client, Manager);
            Assert.Equal(60, after["Oem"]!["Hpe"]!["IdleConnectionTimeoutMinutes"]!.GetValue<int>());
            Assert.NotEqual(before["@odata.etag"]!.GetValue<string>(), after["@odata.etag"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_clock_moves_on_in_the_next_second_but_the_etag_stays()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = await JsonAssert.GetAsync(client, Manager);
            emulator.Time.Advance(TimeSpan.FromMilliseconds(400));
            Assert.Equal(before.ToJsonString(), (await JsonAssert.GetAsync(client, Manager)).ToJsonString());
            emulator.Time.Advance(TimeSpan.FromSeconds(1));
            var after = await JsonAssert.GetAsync(client, Manager);
            Assert.Equal("2026-11-23T12:00:00Z", before["DateTime"]!.GetValue<string>());
            Assert.Equal("2026-11-23T12:00:01Z", after["DateTime"]!.GetValue<string>());
            Assert.Equal(before["@odata.etag"]!.GetValue<string>(), after["@odata.etag"]!.GetValue<string>());
            var root = await JsonAssert.GetAsync(emulator.Client(), "/redfish/v1/");
            Assert.Equal("2026-11-23T12:00:01Z", root["Oem"]!["Hpe"]!["Time"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Scenarios_show_in_the_next_get()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        using var anonymous = emulator.Client();
        Assert.Equal("2.78", (await FirmwareAsync(anonymous)));
        ilo.UpdateFirmware("2.80", TimeSpan.Zero);
        Assert.Equal("2.80", await FirmwareAsync(anonymous));

        BackupRestoreKit.Configure(ilo, "before");
        Assert.Equal("ilo-before", await HostNameAsync(anonymous));
        ilo.ResetToFactoryDefaults(TimeSpan.Zero);
        Assert.NotEqual("ilo-before", await HostNameAsync(anonymous));

        BackupRestoreKit.Configure(ilo, "again");
        Assert.Equal("ilo-again", await HostNameAsync(anonymous));
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        using (var battery = await control.PostAsync("ilos/0/battery-failure", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, battery.StatusCode);
        }

        emulator.Time.Advance(emulator.Fleet.Options.ResetDuration + TimeSpan.FromSeconds(1));
        Assert.NotEqual("ilo-again", await HostNameAsync(anonymous));

        static async Task<string> FirmwareAsync(HttpClient client) =>
            (await JsonAssert.GetAsync(client, "/redfish/v1/"))["Oem"]!["Hpe"]!["Manager"]![0]!["ManagerFirmwareVersion"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_restore_shows_in_the_next_get()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        BackupRestoreKit.Configure(ilo, "saved");
        var (client, _, _) = await emulator.LoginAsync();
        var (location, file) = await BackupRestoreKit.BackupAsync(client);
        client.Dispose();
        BackupRestoreKit.Configure(ilo, "changed");
        using var anonymous = emulator.Client();
        Assert.Equal("ilo-changed", await HostNameAsync(anonymous));

        var (restorer, token, _) = await emulator.LoginAsync();
        using (restorer)
        {
            using var response = await restorer.SendAsync(BackupRestoreKit.RestoreRequest(file, token, fileName: location[10..]));
            await JsonAssert.ReadAsync(response);
        }

        BackupRestoreKit.WaitForReset(emulator, ilo);
        Assert.Equal("ilo-saved", await HostNameAsync(anonymous));
    }

    [Fact]
    public async Task A_fault_shows_in_the_next_get_of_a_cached_resource()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = emulator.Client();
        await JsonAssert.GetAsync(anonymous, "/redfish/v1/");
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        using (var set = await control.PostAsync("ilos/0/faults", new StringContent("""{"faults": [{"kind": "unavailable", "value": 3}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var busy = await anonymous.GetAsync("/redfish/v1/");
        Assert.Equal("ServiceTemporarilyUnavailable", (await JsonAssert.ErrorAsync(busy, HttpStatusCode.ServiceUnavailable))["Base.1.12.".Length..]);
    }

    [Fact]
    public async Task Sessions_and_privileges_are_checked_on_every_request_to_a_cached_resource()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, _, location) = await emulator.LoginAsync();
        using (client)
        {
            await JsonAssert.GetAsync(client, Manager);
            await JsonAssert.GetAsync(client, Manager);
            using var stranger = emulator.Client();
            using (var none = await stranger.GetAsync(Manager))
            {
                Assert.Equal("NoValidSession", (await JsonAssert.ErrorAsync(none, HttpStatusCode.Unauthorized))["Base.1.12.".Length..]);
            }

            stranger.DefaultRequestHeaders.Add("X-Auth-Token", new string('0', 32));
            using (var forged = await stranger.GetAsync(Manager))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            }

            using (var logout = await client.DeleteAsync(new Uri(location).AbsolutePath))
            {
                Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            }

            using var afterLogout = await client.GetAsync(Manager);
            Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        }

        ilo.UpdateConfiguration(c => c with { Users = c.Users with { Accounts = [.. c.Users.Accounts.Select(a => a with { Privileges = Security.IloPrivileges.None })] } });
        var (denied, _, _) = await emulator.LoginAsync();
        using (denied)
        {
            using var response = await denied.GetAsync(Manager);
            Assert.Equal("InsufficientPrivilege", (await JsonAssert.ErrorAsync(response, HttpStatusCode.Forbidden))["Base.1.12.".Length..]);
        }
    }

    [Fact]
    public async Task Query_options_bypass_the_cache_and_do_not_spoil_it()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = emulator.Client();
        var full = await JsonAssert.GetAsync(anonymous, "/redfish/v1/");
        var selected = await JsonAssert.GetAsync(anonymous, "/redfish/v1/?$select=Vendor");
        Assert.Equal("HPE", selected["Vendor"]!.GetValue<string>());
        Assert.Null(selected["Product"]);
        Assert.Equal(full.ToJsonString(), (await JsonAssert.GetAsync(anonymous, "/redfish/v1/")).ToJsonString());
        var noSlash = await JsonAssert.GetAsync(anonymous, "/redfish/v1");
        Assert.Equal("/redfish/v1/Managers", noSlash["Managers"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/Managers/", full["Managers"]!["@odata.id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Head_answers_the_headers_of_the_cached_get_without_a_body()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var anonymous = emulator.Client();
        var (body, etag) = await RawAsync(anonymous, "/redfish/v1/");
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/redfish/v1/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag!.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> HostNameAsync(HttpClient client) =>
        (await JsonAssert.GetAsync(client, "/redfish/v1/"))["Oem"]!["Hpe"]!["Manager"]![0]!["HostName"]!.GetValue<string>();

    private static async Task<(string Body, string ETag)> RawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rel=describedby", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag!.ToString());
    }
}
