namespace IloBackup.Emulator.Security;

/// <summary>
/// The iLO privileges (<c>Oem.Hpe.Privileges</c> of an account; §2 of the behaviour doc).
/// Member names are the Redfish property names without the <c>Priv</c> suffix.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Priv" names are iLO's; the enum is a set of flags.
public enum IloPrivileges
#pragma warning restore CA1711
{
    None = 0,
    Login = 1,
    RemoteConsole = 2,
    VirtualPowerAndReset = 4,
    VirtualMedia = 8,
    HostBIOSConfig = 16,
    ILOConfig = 32,
    UserConfig = 64,
    HostNICConfig = 128,
    HostStorageConfig = 256,
    SystemRecoveryConfig = 512,
}
