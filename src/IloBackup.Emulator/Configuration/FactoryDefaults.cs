using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Configuration;

/// <summary>
/// The configuration an iLO has out of the box, or after a battery failure or a reset to
/// factory defaults: one Administrator account with the toe-tag password, DHCP, no license.
/// </summary>
public static class FactoryDefaults
{
    /// <summary>Builds the factory configuration of one iLO.</summary>
    /// <param name="hostName">Default host name (iLO uses <c>ILO</c> + the server serial number).</param>
    /// <param name="adminUser">The factory administrator account.</param>
    /// <param name="adminPassword">Its toe-tag password.</param>
    public static IloConfiguration Create(string hostName, string adminUser, string adminPassword) => new()
    {
        Power = new PowerSettings(),
        Network = new NetworkSettings { HostName = hostName },
        Security = new SecuritySettings(),
        Users = new UserDatabase
        {
            Accounts =
            [
                new UserAccount
                {
                    Id = "1",
                    UserName = adminUser,
                    LoginName = adminUser,
                    Password = adminPassword,
                    Privileges = IloRoles.Administrator,
                },
            ],
        },
        License = new LicenseSettings(),
        Snmp = new SnmpSettings(),
        Ipmi = new IpmiSettings(),
        Time = new TimeSettings(),
    };
}
