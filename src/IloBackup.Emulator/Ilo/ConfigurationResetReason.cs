namespace IloBackup.Emulator.Ilo;

/// <summary>Why an iLO's configuration went back to factory defaults.</summary>
public enum ConfigurationResetReason
{
    /// <summary>The SRAM battery failed or was removed: the iLO booted with its configuration lost.</summary>
    BatteryFailure,
    /// <summary>A reset to factory defaults (Redfish action or scenario control).</summary>
    FactoryReset,
    /// <summary>A new system board: same server, new iLO, empty configuration.</summary>
    BoardReplacement,
    /// <summary>Entering FIPS or CNSA resets iLO to factory defaults.</summary>
    SecurityStateChange,
}
