using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Network;

/// <summary>
/// The iLO dedicated network port: host name, DHCP or static IPv4, DNS, VLAN.
/// <b>(our choice)</b>: changes take effect at once and the emulator keeps listening on
/// 127.0.0.1 (a real iLO resets to apply them).
/// </summary>
internal static class EthernetInterfaceResource
{
    private static readonly string[] ReadOnly =
    [
        "@odata.id", "Id", "Name", "Description", "AutoNeg", "FQDN", "FullDuplex", "IPv6Addresses", "InterfaceEnabled", "LinkStatus",
        "MACAddress", "PermanentMACAddress", "NameServers", "SpeedMbps", "Status", "UseDNSServers", "UseGateway", "UseNTPServers",
        "UseDomainName", "UseStaticRoutes", "AddressOrigin",
    ];

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.EthernetInterfaces, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.EthernetInterfaces, "#EthernetInterfaceCollection.EthernetInterfaceCollection", "Manager Network Interfaces", [IloPaths.EthernetInterface]))));
        routes.MapGet(IloPaths.EthernetInterface, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.EthernetInterface, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var network = ilo.Configuration.Network;
        var mac = ilo.Identity.MacAddress;
        var lease = DhcpLease(mac);
        var body = Resource(IloPaths.EthernetInterface, "#EthernetInterface.v1_4_1.EthernetInterface", "1", "Manager Dedicated Network Interface", "EthernetInterface.EthernetInterface");
        body["AutoNeg"] = true;
        body["DHCPv4"] = new JsonObject
        {
            ["DHCPEnabled"] = network.DhcpEnabled,
            ["UseDNSServers"] = network.DhcpEnabled,
            ["UseDomainName"] = network.DhcpEnabled,
            ["UseGateway"] = network.DhcpEnabled,
            ["UseNTPServers"] = network.DhcpEnabled,
            ["UseStaticRoutes"] = network.DhcpEnabled,
        };
        body["FQDN"] = ServiceRootResource.Fqdn(network);
        body["FullDuplex"] = true;
        body["HostName"] = network.HostName;
        body["IPv4Addresses"] = new JsonArray(new JsonObject
        {
            ["Address"] = network.DhcpEnabled ? lease : network.StaticAddress,
            ["AddressOrigin"] = network.DhcpEnabled ? "DHCP" : "Static",
            ["Gateway"] = network.DhcpEnabled ? "10.0.0.1" : network.Gateway,
            ["SubnetMask"] = network.DhcpEnabled ? "255.0.0.0" : network.SubnetMask,
        });
        body["IPv4StaticAddresses"] = new JsonArray(new JsonObject
        {
            ["Address"] = network.StaticAddress,
            ["Gateway"] = network.Gateway,
            ["SubnetMask"] = network.SubnetMask,
        });
        body["IPv6Addresses"] = new JsonArray();
        body["InterfaceEnabled"] = true;
        body["LinkStatus"] = "LinkUp";
        body["MACAddress"] = mac;
        body["NameServers"] = Strings(network.DhcpEnabled && network.DnsServers.Count == 0 ? ["10.0.0.2"] : network.DnsServers);
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOEthernetNetworkInterface.v2_2_1.HpeiLOEthernetNetworkInterface",
                ["DomainName"] = network.DomainName,
                ["NICEnabled"] = true,
                ["NICSupportsIPv6"] = true,
                ["SharedNetworkPortOptions"] = new JsonObject { ["NIC"] = "LOM", ["Port"] = 1 },
            },
        };
        body["PermanentMACAddress"] = mac;
        body["SpeedMbps"] = 1000;
        body["StaticNameServers"] = Strings(network.DnsServers);
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        body["VLAN"] = new JsonObject { ["VLANEnable"] = network.VlanEnabled, ["VLANId"] = network.VlanEnabled ? network.VlanId : null };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var hostName = body.String("HostName") is { } h ? Validate.HostName(h, "HostName") : null;
        var dhcp = body.Object("DHCPv4")?.Boolean("DHCPEnabled");
        var staticAddresses = body.ObjectArray("IPv4StaticAddresses", maxItems: 1) ?? body.ObjectArray("IPv4Addresses", maxItems: 1);
        string? address = null, mask = null, gateway = null;
        if (staticAddresses is [var first])
        {
            address = first.String("Address") is { } a ? Validate.IPv4(a, "IPv4StaticAddresses/Address") : null;
            mask = first.String("SubnetMask") is { } m ? Validate.IPv4(m, "IPv4StaticAddresses/SubnetMask") : null;
            gateway = first.String("Gateway") is { } g ? Validate.IPv4(g, "IPv4StaticAddresses/Gateway") : null;
        }

        var dns = body.StringArray("StaticNameServers", maxItems: 3)?.Select(d => d.Length == 0 ? d : Validate.IPv4(d, "StaticNameServers")).ToList();
        var vlan = body.Object("VLAN");
        var vlanEnabled = vlan?.Boolean("VLANEnable");
        var vlanId = vlan?.Integer("VLANId", 1, 4094);
        var domain = body.Object("Oem")?.Object("Hpe")?.String("DomainName") is { } d2 ? Validate.DomainName(d2, "Oem/Hpe/DomainName") : null;
        body.EnsureFullyRead(ReadOnly);

        new NetworkModel(request.Ilo).ChangeInterface(n => n with
        {
            HostName = hostName ?? n.HostName,
            DomainName = domain ?? n.DomainName,
            DhcpEnabled = dhcp ?? (address is not null ? false : n.DhcpEnabled),
            StaticAddress = address ?? n.StaticAddress,
            SubnetMask = mask ?? n.SubnetMask,
            Gateway = gateway ?? n.Gateway,
            DnsServers = dns is null ? n.DnsServers : [.. dns.Where(s => s.Length > 0)],
            VlanEnabled = vlanEnabled ?? n.VlanEnabled,
            VlanId = vlanId ?? n.VlanId,
        });
        return RedfishResponse.Success();
    }

    /// <summary>The address "the DHCP server" gives: stable, derived from the MAC.</summary>
    private static string DhcpLease(string mac)
    {
        var bytes = mac.Split(':').Skip(3).Select(b => Convert.ToInt32(b, 16)).ToArray();
        return $"10.{bytes[0]}.{bytes[1]}.{Math.Max(bytes[2], 3)}";
    }
}
