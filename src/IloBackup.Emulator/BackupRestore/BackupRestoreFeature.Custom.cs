using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// Custom backup and automatic restore (§6). The flag and the kept configuration live in the NAND,
/// not in the configuration (SRAM): they must survive the battery failure they are meant to repair.
/// </summary>
public sealed partial class BackupRestoreFeature
{
    /// <summary>NAND file holding the configuration of the latest backup taken while custom backup was on.</summary>
    public const string CustomBackupFile = "custom-backup.bak";

    /// <summary>NAND file whose presence means <c>CustomBackupandRestore</c> is true.</summary>
    public const string CustomFlagFile = "custom-backup.enabled";

    /// <summary>
    /// Whether this firmware has <c>CustomBackupandRestore</c>: iLO 5 from 2.72, iLO 6 from 1.10
    /// (HPE's resource definitions; the seed's iLO 6 1.05 note is treated as a quirk), iLO 7 always.
    /// </summary>
    public bool SupportsCustomBackup
    {
        get
        {
            var identity = _ilo.Identity;
            return identity.Generation switch
            {
                5 => identity.Firmware.IsAtLeast(2, 72),
                6 => identity.Firmware.IsAtLeast(1, 10),
                _ => identity.Generation > 6,
            };
        }
    }

    /// <summary>The value of <c>CustomBackupandRestore</c>.</summary>
    public bool CustomBackupAndRestore
    {
        get
        {
            using var flag = _ilo.Nand.OpenRead(CustomFlagFile);
            return SupportsCustomBackup && flag is not null;
        }
    }

    /// <summary>Custom backup is refused in FIPS and higher security states (§6); iLO 7's SecureStandard is below FIPS, so it allows it.</summary>
    public bool CustomBackupAllowedInSecurityState =>
        _ilo.State.SecurityState is IloSecurityState.Production or IloSecurityState.HighSecurity or IloSecurityState.SecureStandard;

    /// <summary>
    /// Sets <c>CustomBackupandRestore</c> (callers checked support and security state) and logs it
    /// in the iLO Event Log, every time (§6). Turning it off forgets the kept configuration.
    /// </summary>
    public void SetCustomBackupAndRestore(bool enabled, string requestedBy)
    {
        if (enabled)
        {
            using var flag = _ilo.Nand.Create(CustomFlagFile);
            flag.Stream.Write("1"u8);
            flag.Commit();
        }
        else
        {
            _ilo.Nand.Delete(CustomFlagFile);
            _ilo.Nand.Delete(CustomBackupFile);
        }

        _ilo.AppendEventLog($"Custom backup and restore {(enabled ? "enabled" : "disabled")} by {Printable(requestedBy)}.");
    }

    private void OnConfigurationReset(object? sender, ConfigurationResetEventArgs e)
    {
        switch (e.Reason)
        {
            case ConfigurationResetReason.BatteryFailure:
                AutoRestore();
                break;
            case ConfigurationResetReason.FactoryReset or ConfigurationResetReason.SecurityStateChange:
                // A reset to factory defaults clears custom backup: it must be configured again (§6).
                _ilo.Nand.Delete(CustomFlagFile);
                _ilo.Nand.Delete(CustomBackupFile);
                break;
            default:
                break;
        }
    }

    /// <summary>The iLO booted with its configuration lost: bring back the custom backup instead of factory defaults.</summary>
    private void AutoRestore()
    {
        if (!CustomBackupAndRestore || !CustomBackupAllowedInSecurityState)
        {
            return;
        }

        using var file = _ilo.Nand.OpenRead(CustomBackupFile);
        if (file is null)
        {
            return;
        }

        try
        {
            // Runs inside the iLO's reset event, which is synchronous: read the small local file synchronously.
            var plan = PrepareRestore(file, CustomBackupFile);
            _ilo.ReplaceConfiguration(plan.Configuration);
            _ilo.AppendEventLog($"iLO configuration automatically restored from the custom backup of {plan.Header.CreatedAt:yyyy-MM-dd HH:mm} UTC.", "Warning");
            _ilo.StartLimitedAvailability(_options.AutoRestoreLimitedDuration);
        }
        catch (RestoreRefusedException refusal)
        {
            _ilo.AppendEventLog($"Automatic restore of the custom backup failed ({refusal.Reason}); factory defaults kept.", "Critical");
        }
    }
}
