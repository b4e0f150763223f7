namespace IloBackup.Emulator.Ilo;

/// <summary>
/// Why a feature's model refused a change (nothing changed). The HTTP side turns each into a
/// registry message in one table, <see cref="Redfish.RefusalMessages"/>.
/// </summary>
public enum IloRefusal
{
    /// <summary>A user name with characters iLO does not accept. Args: the name.</summary>
    UserNameInvalid,

    /// <summary>Too short, control characters, or not complex enough for the password policy.</summary>
    PasswordRejected,

    /// <summary>Another account has this user name. Args: the name.</summary>
    UserNameTaken,

    /// <summary>The iLO holds its maximum of local accounts.</summary>
    AccountLimitReached,

    /// <summary>The change would leave no enabled account able to administer accounts.</summary>
    LastAccountAdministrator,

    /// <summary>No such account. Args: its id.</summary>
    AccountMissing,

    /// <summary>Local accounts and the directory both disabled: nobody could log in.</summary>
    NoWayToLogIn,

    /// <summary>Two TCP services on one port.</summary>
    PortsConflict,

    /// <summary>VLAN enabled without a VLAN id.</summary>
    VlanIdMissing,

    /// <summary>DHCP off without a static address.</summary>
    StaticAddressMissing,

    /// <summary>Leaving FIPS or CNSA only happens through a reset to factory defaults. Args: the current state.</summary>
    SecurityStateNeedsFactoryReset,

    /// <summary>The server is already in the asked power state. Args: "on" or "off".</summary>
    PowerAlreadyInState,

    /// <summary>Every session slot is taken.</summary>
    SessionLimitReached,

    /// <summary>Wrong user name or password, or a disabled account.</summary>
    LoginRefused,
}
