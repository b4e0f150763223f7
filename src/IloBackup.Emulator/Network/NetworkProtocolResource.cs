using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Network;

/// <summary>
/// <c>Managers/1/NetworkProtocol</c>: service ports, SSH, SNMP port and IPMI. iLO serves
/// <c>ManagerNetworkProtocol.v1_0_0</c>, which has no <c>NTP</c> (added in v1_2_0): iLO keeps its NTP
/// servers under <c>Managers/1/DateTime</c> (<c>StaticNTPServers</c>), see docs/emulator.md.
/// </summary>
internal static class NetworkProtocolResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.NetworkProtocol, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.NetworkProtocol, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var configuration = request.Ilo.Configuration;
        var network = configuration.Network;
        var body = Resource(IloPaths.NetworkProtocol, "#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol", "NetworkProtocol", "Manager Network Protocol", "ManagerNetworkProtocol.ManagerNetworkProtocol");
        body["Description"] = "Manager Network Service";
        body["FQDN"] = ServiceRootResource.Fqdn(network);
        body["HTTP"] = Protocol(true, network.HttpPort);
        body["HTTPS"] = Protocol(true, network.HttpsPort);
        body["HostName"] = network.HostName;
        body["IPMI"] = Protocol(configuration.Ipmi.Enabled, configuration.Ipmi.Port);
        body["SNMP"] = Protocol(true, network.SnmpPort);
        body["SSH"] = Protocol(network.SshEnabled, network.SshPort);
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOManagerNetworkService.v2_2_0.HpeiLOManagerNetworkService",
                ["Links"] = new JsonObject { ["SNMPService"] = Link(IloPaths.SnmpService) },
                ["SNMPTrapPort"] = network.SnmpTrapPort,
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var httpPort = body.Object("HTTP")?.Integer("Port");
        var httpsPort = body.Object("HTTPS")?.Integer("Port");
        var ssh = body.Object("SSH");
        var sshEnabled = ssh?.Boolean("ProtocolEnabled");
        var sshPort = ssh?.Integer("Port");
        var ipmi = body.Object("IPMI");
        var ipmiEnabled = ipmi?.Boolean("ProtocolEnabled");
        var ipmiPort = ipmi?.Integer("Port");
        var snmpPort = body.Object("SNMP")?.Integer("Port");
        var trapPort = body.Object("Oem")?.Object("Hpe")?.Integer("SNMPTrapPort");
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "FQDN", "HostName", "Status", "ProtocolEnabled", "Links");
        Validate.Port(httpPort, "HTTP/Port");
        Validate.Port(httpsPort, "HTTPS/Port");
        Validate.Port(sshPort, "SSH/Port");
        Validate.Port(ipmiPort, "IPMI/Port");
        Validate.Port(snmpPort, "SNMP/Port");
        Validate.Port(trapPort, "Oem/Hpe/SNMPTrapPort");

        new NetworkModel(request.Ilo).ChangeProtocols(c => c with
        {
            Network = c.Network with
            {
                HttpPort = httpPort ?? c.Network.HttpPort,
                HttpsPort = httpsPort ?? c.Network.HttpsPort,
                SshEnabled = sshEnabled ?? c.Network.SshEnabled,
                SshPort = sshPort ?? c.Network.SshPort,
                SnmpPort = snmpPort ?? c.Network.SnmpPort,
                SnmpTrapPort = trapPort ?? c.Network.SnmpTrapPort,
            },
            Ipmi = c.Ipmi with { Enabled = ipmiEnabled ?? c.Ipmi.Enabled, Port = ipmiPort ?? c.Ipmi.Port },
        });
        return RedfishResponse.Success();
    }

    private static JsonObject Protocol(bool enabled, int port) => new() { ["Port"] = port, ["ProtocolEnabled"] = enabled };
}
