using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Network;

/// <summary>
/// The iLO's network settings and their rules: a VLAN needs an id, DHCP off needs a static
/// address, two TCP services never share a port. Each change and its log entry are one
/// <see cref="VirtualIlo.Change"/>.
/// </summary>
public sealed class NetworkModel(VirtualIlo ilo)
{
    /// <summary>The dedicated network port: host name, addresses, DNS, VLAN.</summary>
    public void ChangeInterface(Func<NetworkSettings, NetworkSettings> change) => ilo.Change(c =>
    {
        var updated = change(c.Configuration.Network);
        if (updated.VlanEnabled && updated.VlanId == 0)
        {
            throw new IloRefusedException(IloRefusal.VlanIdMissing);
        }

        if (!updated.DhcpEnabled && updated.StaticAddress == "0.0.0.0")
        {
            throw new IloRefusedException(IloRefusal.StaticAddressMissing);
        }

        c.Configuration = c.Configuration with { Network = updated };
        c.Log("iLO network settings changed.");
    });

    /// <summary>Service ports, SSH, IPMI and NTP (the network protocol resource).</summary>
    public void ChangeProtocols(Func<IloConfiguration, IloConfiguration> change) => ilo.Change(c =>
    {
        var updated = change(c.Configuration);
        int[] tcpPorts = [updated.Network.HttpPort, updated.Network.HttpsPort, updated.Network.SshPort];
        if (tcpPorts.Distinct().Count() != tcpPorts.Length)
        {
            throw new IloRefusedException(IloRefusal.PortsConflict);
        }

        c.Configuration = updated;
        c.Log("iLO network protocol settings changed.");
    });

    public void ChangeSnmp(Func<SnmpSettings, SnmpSettings> change) => ilo.Change(c =>
    {
        c.Configuration = c.Configuration with { Snmp = change(c.Configuration.Snmp) };
        c.Log("SNMP settings changed.");
    });

    public void ChangeTime(Func<TimeSettings, TimeSettings> change) => ilo.Change(c =>
    {
        c.Configuration = c.Configuration with { Time = change(c.Configuration.Time) };
        c.Log("Date and time settings changed.");
    });
}
