using System.Globalization;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;
using IloBackup.Engine.Inventory;

namespace IloBackup.Cli.Demo;

/// <summary>
/// The demo's data centre: emulated iLOs that an administrator has configured (host names, DNS,
/// NTP, a license, an operator account), and the inventory a fleet run reads, with every
/// certificate pinned from the emulator (nothing is written to the user's known_hosts).
/// </summary>
internal static class DemoSite
{
    /// <summary>Gives iLO <paramref name="ilo"/> the configuration a site would have given it.</summary>
    public static void Configure(VirtualIlo ilo)
    {
        var n = (ilo.Index + 1).ToString("00", CultureInfo.InvariantCulture);
        ilo.UpdateConfiguration(c => c with
        {
            Network = c.Network with
            {
                HostName = $"ilo-web{n}", DomainName = "dc1.example.com", DhcpEnabled = false,
                StaticAddress = $"10.20.0.{ilo.Index + 11}", Gateway = "10.20.0.1", DnsServers = ["10.20.0.2", "10.20.0.3"],
            },
            Time = c.Time with { NtpServers = ["ntp1.example.com", "ntp2.example.com"], TimeZone = c.Time.TimeZone },
            License = c.License with { Key = $"3RKQ8-WLMNS-7XZC2-QPHTD-{ilo.Index + 10000:00000}", Name = "iLO Advanced" },
            Users = c.Users with
            {
                Accounts =
                [
                    .. c.Users.Accounts,
                    new UserAccount
                    {
                        Id = c.Users.NextAccountId(), UserName = "nightops", LoginName = "Night operations",
                        Password = $"demo-operator-{n}", Privileges = IloRoles.Operator,
                    },
                ],
            },
        });
    }

    /// <summary>What a person would notice on the iLO's configuration page.</summary>
    public static string Describe(IloConfiguration c) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"host name {c.Network.HostName}, {(c.Network.DhcpEnabled ? "DHCP" : c.Network.StaticAddress)}, "
            + $"{c.Users.Accounts.Count} account(s), license {c.License.LicenseName}, NTP {(c.Time.NtpServers.Count == 0 ? "none" : string.Join(' ', c.Time.NtpServers))}");

    public static FleetInventory Inventory(EmulatorFleet fleet) =>
        new(
            "demo",
            InventoryFormat.Yaml,
            null,
            [.. fleet.Ilos.Select(i => new InventoryHost(
                i.BaseUrl.ToString().TrimEnd('/'), i.BaseUrl, i.Identity.ServerSerial, fleet.AdminUser, null,
                i.BaseUrl.Scheme == Uri.UriSchemeHttps ? i.CertificateFingerprint : null, ["demo"], i.Index + 1))]);
}
