using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Tests;

/// <summary>Each configuration category (§4) can be read and changed through its real iLO resource.</summary>
public sealed class ConfigurationResourceTests
{
    [Fact]
    public async Task Network_interface_host_name_static_ipv4_dns_and_vlan()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var nic = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/EthernetInterfaces/1");
            Assert.Equal(emulator.Fleet[0].Identity.MacAddress, nic["MACAddress"]!.GetValue<string>());
            Assert.True(nic["DHCPv4"]!["DHCPEnabled"]!.GetValue<bool>());
            Assert.Equal("ILO" + emulator.Fleet[0].Identity.ServerSerial, nic["HostName"]!.GetValue<string>());
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/EthernetInterfaces/1", new JsonObject
            {
                ["HostName"] = "rack1-ilo7",
                ["DHCPv4"] = new JsonObject { ["DHCPEnabled"] = false },
                ["IPv4StaticAddresses"] = new JsonArray(new JsonObject { ["Address"] = "192.168.10.7", ["SubnetMask"] = "255.255.255.0", ["Gateway"] = "192.168.10.1" }),
                ["StaticNameServers"] = new JsonArray("192.168.10.2", "192.168.10.3"),
                ["VLAN"] = new JsonObject { ["VLANEnable"] = true, ["VLANId"] = 42 },
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["DomainName"] = "example.com" } },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var network = emulator.Fleet[0].Configuration.Network;
            Assert.Equal(("rack1-ilo7", false, "192.168.10.7", 42, "example.com"), (network.HostName, network.DhcpEnabled, network.StaticAddress, network.VlanId, network.DomainName));
            var after = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/EthernetInterfaces/1");
            Assert.Equal("Static", after["IPv4Addresses"]![0]!["AddressOrigin"]!.GetValue<string>());
            Assert.Equal("rack1-ilo7.example.com", after["FQDN"]!.GetValue<string>());
            Assert.Contains(emulator.Fleet[0].State.EventLog, e => e.Message.Contains("network", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Network_protocol_ports_and_ipmi()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/NetworkProtocol", new JsonObject
            {
                ["IPMI"] = new JsonObject { ["ProtocolEnabled"] = true, ["Port"] = 1623 },
                ["SSH"] = new JsonObject { ["Port"] = 2222 },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var configuration = emulator.Fleet[0].Configuration;
            Assert.True(configuration.Ipmi.Enabled);
            Assert.Equal(1623, configuration.Ipmi.Port);
            Assert.Equal(2222, configuration.Network.SshPort);
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/NetworkProtocol");
            Assert.Equal(1623, body["IPMI"]!["Port"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Snmp_settings()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SnmpService", new JsonObject
            {
                ["Contact"] = "noc@example.com",
                ["Location"] = "Rack 7",
                ["ReadCommunities"] = new JsonArray("public-ro"),
                ["AlertDestinations"] = new JsonArray("10.1.1.1"),
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/SnmpService");
            Assert.Equal("Rack 7", body["Location"]!.GetValue<string>());
            Assert.Equal(["public-ro", "", ""], body["ReadCommunities"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal("noc@example.com", emulator.Fleet[0].Configuration.Snmp.Contact);
        }
    }

    [Fact]
    public async Task Date_time_ntp_and_time_zone_are_configuration_and_the_clock_is_read_only()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var body = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/DateTime");
            Assert.Equal("2026-11-23T12:00:00Z", body["DateTime"]!.GetValue<string>());
            var zone = body["TimeZoneList"]!.AsArray().Select(z => z!["Name"]!.GetValue<string>()).First(n => n.StartsWith("Amsterdam", StringComparison.Ordinal));
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/DateTime", new JsonObject
            {
                ["StaticNTPServers"] = new JsonArray("pool.ntp.org"),
                ["TimeZone"] = new JsonObject { ["Name"] = zone },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            Assert.Equal(zone, emulator.Fleet[0].Configuration.Time.TimeZone);
            Assert.Equal(["pool.ntp.org"], emulator.Fleet[0].Configuration.Time.NtpServers);
            using var clock = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/DateTime", new JsonObject { ["DateTime"] = "2000-01-01T00:00:00Z" });
            Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown", await JsonAssert.ErrorAsync(clock, HttpStatusCode.BadRequest));
        }
    }

    [Fact]
    public async Task License_key_is_installed_shown_masked_and_removed()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/LicenseService/1");
            Assert.Equal("iLO Standard", before["License"]!.GetValue<string>());
            using var install = await client.PostAsJsonAsync("/redfish/v1/Managers/1/LicenseService", new JsonObject { ["LicenseKey"] = "abcde-fghij-klmno-pqrst-uvw12" });
            Assert.Equal(HttpStatusCode.OK, install.StatusCode);
            var license = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/LicenseService/1");
            Assert.Equal("XXXXX-XXXXX-XXXXX-XXXXX-UVW12", license["LicenseKey"]!.GetValue<string>());
            Assert.Equal("iLO Advanced", license["License"]!.GetValue<string>());
            Assert.Equal("ABCDE-FGHIJ-KLMNO-PQRST-UVW12", emulator.Fleet[0].Configuration.License.Key);
            Assert.DoesNotContain("ABCDE", (await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1")).ToJsonString(), StringComparison.Ordinal);
            using var bad = await client.PostAsJsonAsync("/redfish/v1/Managers/1/LicenseService", new JsonObject { ["LicenseKey"] = "short" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var remove = await client.DeleteAsync("/redfish/v1/Managers/1/LicenseService/1");
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
            Assert.Null(emulator.Fleet[0].Configuration.License.Key);
        }
    }

    [Fact]
    public async Task Power_settings_are_configuration_while_power_state_and_uid_are_state()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Systems/1", new JsonObject
            {
                ["IndicatorLED"] = "Lit",
                ["PowerRestorePolicy"] = "AlwaysOn",
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["PowerRegulatorMode"] = "Max" } },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var ilo = emulator.Fleet[0];
            Assert.Equal("Max", ilo.Configuration.Power.PowerRegulatorMode);
            Assert.Equal("AlwaysOn", ilo.Configuration.Power.PowerRestorePolicy);
            Assert.Equal("Lit", ilo.State.IndicatorLed);
            using var off = await client.PostAsJsonAsync("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceOff" });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.Equal("Off", ilo.State.PowerState);
            var system = await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1");
            Assert.Equal("Off", system["PowerState"]!.GetValue<string>());
            Assert.Equal(ilo.Identity.ServerSerial, system["SerialNumber"]!.GetValue<string>());
            var chassis = await JsonAssert.GetAsync(client, "/redfish/v1/Chassis/1");
            Assert.Equal("Lit", chassis["IndicatorLED"]!.GetValue<string>());
            using var again = await client.PostAsJsonAsync("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceOff" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var iml = await JsonAssert.GetAsync(client, "/redfish/v1/Systems/1/LogServices/IML/Entries?$expand=.");
            Assert.Contains(iml["Members"]!.AsArray(), e => e!["Message"]!.GetValue<string>() == "Server power removed.");
        }
    }

    [Fact]
    public async Task Security_state_is_state_and_entering_fips_resets_to_factory_defaults()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        var ilo = emulator.Fleet[0];
        using (client)
        {
            using var snmp = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SnmpService", new JsonObject { ["Contact"] = "before-fips" });
            Assert.Equal(HttpStatusCode.OK, snmp.StatusCode);
            using var high = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService", new JsonObject { ["SecurityState"] = "HighSecurity" });
            Assert.Equal(HttpStatusCode.OK, high.StatusCode);
            Assert.Equal(IloSecurityState.HighSecurity, ilo.State.SecurityState);
            Assert.Equal("before-fips", ilo.Configuration.Snmp.Contact);
            using var fips = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService", new JsonObject { ["SecurityState"] = "FIPS" });
            Assert.Equal(HttpStatusCode.OK, fips.StatusCode);
        }

        Assert.Equal(IloSecurityState.FIPS, ilo.State.SecurityState);
        Assert.Equal("", ilo.Configuration.Snmp.Contact);
        Assert.Equal(0, ilo.Sessions.Count);
        var (again, _, _) = await emulator.LoginAsync();
        using (again)
        {
            using var down = await again.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService", new JsonObject { ["SecurityState"] = "Production" });
            Assert.Equal(HttpStatusCode.Conflict, down.StatusCode);
            Assert.Equal("FIPS", (await JsonAssert.GetAsync(again, "/redfish/v1/Managers/1/SecurityService"))["SecurityState"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Event_log_records_logins_and_changes_and_can_be_cleared()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var entries = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/LogServices/IEL/Entries");
            Assert.True(entries["Members@odata.count"]!.GetValue<int>() >= 1);
            var first = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/LogServices/IEL/Entries/1");
            Assert.StartsWith("Redfish login: Administrator", first["Message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("#LogEntry.v1_0_0.LogEntry", first["@odata.type"]!.GetValue<string>());
            using var clear = await client.PostAsJsonAsync("/redfish/v1/Managers/1/LogServices/IEL/Actions/LogService.ClearLog", new JsonObject());
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
            Assert.Single(emulator.Fleet[0].State.EventLog);
        }
    }

    [Fact]
    public async Task Active_health_system_data_accumulates_over_time()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var before = (await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/ActiveHealthSystem"))["Oem"]!["Hpe"]!["RecordedSizeBytes"]!.GetValue<long>();
            emulator.Time.Advance(TimeSpan.FromHours(10));
            var (later, _, _) = await emulator.LoginAsync();
            using (later)
            {
                var after = (await JsonAssert.GetAsync(later, "/redfish/v1/Managers/1/ActiveHealthSystem"))["Oem"]!["Hpe"]!["RecordedSizeBytes"]!.GetValue<long>();
                Assert.Equal(before + (10 * 64 * 1024), after);
            }
        }
    }

    [Fact]
    public async Task Manager_idle_timeout_and_generation_six()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { Generation = 6 });
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var manager = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
            Assert.Equal("iLO 6 v1.59", manager["FirmwareVersion"]!.GetValue<string>());
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1", new JsonObject { ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["IdleConnectionTimeoutMinutes"] = 120 } } });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            Assert.Equal(7200, emulator.Fleet[0].Configuration.Security.SessionTimeoutSeconds);
            var root = await JsonAssert.GetAsync(client, "/redfish/v1/");
            Assert.Equal("iLO 6", root["Oem"]!["Hpe"]!["Manager"]![0]!["ManagerType"]!.GetValue<string>());
        }
    }
}
