namespace IloBackup.Emulator.Ilo;

/// <summary>
/// Raised after an iLO's configuration was replaced by factory defaults. Handlers run
/// synchronously before the iLO answers again; custom auto-restore (§6) plugs in here on
/// <see cref="ConfigurationResetReason.BatteryFailure"/>.
/// </summary>
public sealed class ConfigurationResetEventArgs(ConfigurationResetReason reason) : EventArgs
{
    public ConfigurationResetReason Reason { get; } = reason;

    /// <summary>True when the iLO booted having lost its configuration (battery failure, or a missing SRAM file at start).</summary>
    public bool ConfigurationLostAtBoot => Reason == ConfigurationResetReason.BatteryFailure;
}
