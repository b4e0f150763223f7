namespace IloBackup.Emulator.Configuration;

/// <summary>The iLO dedicated network port: host name, addressing, DNS, VLAN and service ports.</summary>
public sealed record NetworkSettings
{
    public required string HostName { get; init; }
    public string DomainName { get; init; } = "";
    public bool DhcpEnabled { get; init; } = true;
    public string StaticAddress { get; init; } = "0.0.0.0";
    public string SubnetMask { get; init; } = "255.255.255.0";
    public string Gateway { get; init; } = "0.0.0.0";
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    public bool VlanEnabled { get; init; }
    public int VlanId { get; init; }
    public int HttpPort { get; init; } = 80;
    public int HttpsPort { get; init; } = 443;
    public bool SshEnabled { get; init; } = true;
    public int SshPort { get; init; } = 22;
    public int SnmpPort { get; init; } = 161;
    public int SnmpTrapPort { get; init; } = 162;
}
