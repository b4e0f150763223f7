namespace IloBackup.Emulator.Security;

/// <summary>The predefined iLO roles and the Redfish names of the privileges.</summary>
public static class IloRoles
{
    /// <summary>Every privilege but System Recovery Set.</summary>
    public const IloPrivileges Administrator =
        IloPrivileges.Login | IloPrivileges.RemoteConsole | IloPrivileges.VirtualPowerAndReset |
        IloPrivileges.VirtualMedia | IloPrivileges.HostBIOSConfig | IloPrivileges.ILOConfig |
        IloPrivileges.UserConfig | IloPrivileges.HostNICConfig | IloPrivileges.HostStorageConfig;

    /// <summary>Administrator without Configure iLO Settings and Administer User Accounts.</summary>
    public const IloPrivileges Operator = Administrator & ~(IloPrivileges.ILOConfig | IloPrivileges.UserConfig);

    public const IloPrivileges ReadOnly = IloPrivileges.Login;

    /// <summary>Redfish property name of each privilege, in iLO's order.</summary>
    public static IReadOnlyList<(IloPrivileges Privilege, string Name)> Names { get; } =
    [
        (IloPrivileges.HostBIOSConfig, "HostBIOSConfigPriv"),
        (IloPrivileges.HostNICConfig, "HostNICConfigPriv"),
        (IloPrivileges.HostStorageConfig, "HostStorageConfigPriv"),
        (IloPrivileges.Login, "LoginPriv"),
        (IloPrivileges.RemoteConsole, "RemoteConsolePriv"),
        (IloPrivileges.SystemRecoveryConfig, "SystemRecoveryConfigPriv"),
        (IloPrivileges.UserConfig, "UserConfigPriv"),
        (IloPrivileges.VirtualMedia, "VirtualMediaPriv"),
        (IloPrivileges.VirtualPowerAndReset, "VirtualPowerAndResetPriv"),
        (IloPrivileges.ILOConfig, "iLOConfigPriv"),
    ];

    /// <summary>The role name iLO reports for a set of privileges. <b>(our choice)</b>: a set that
    /// matches no predefined role is reported as <c>Custom</c>.</summary>
    public static string RoleOf(IloPrivileges privileges) => privileges switch
    {
        Administrator => "Administrator",
        Administrator | IloPrivileges.SystemRecoveryConfig => "Administrator",
        Operator => "Operator",
        ReadOnly => "ReadOnly",
        _ => "Custom",
    };

    public static IloPrivileges? PrivilegesOf(string roleId) => roleId switch
    {
        "Administrator" => Administrator,
        "Operator" => Operator,
        "ReadOnly" => ReadOnly,
        _ => null,
    };

    public static string NameOf(IloPrivileges privilege)
    {
        foreach (var (p, name) in Names)
        {
            if (p == privilege)
            {
                return name;
            }
        }

        return privilege.ToString();
    }
}
