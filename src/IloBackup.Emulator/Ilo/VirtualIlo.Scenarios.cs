using IloBackup.Emulator.Certificates;

namespace IloBackup.Emulator.Ilo;

/// <summary>The scenario controls (the same operations the control endpoint offers).</summary>
public sealed partial class VirtualIlo
{
    /// <summary>
    /// The SRAM battery fails: the iLO reboots with its configuration lost (factory defaults),
    /// then <see cref="ConfigurationReset"/> fires with <see cref="ConfigurationResetReason.BatteryFailure"/>
    /// so a custom auto-restore can take over.
    /// </summary>
    public void SimulateBatteryFailure(TimeSpan? rebootTime = null)
    {
        AppendEventLog("SRAM battery failure: iLO configuration lost.", "Critical");
        Reset("battery failure", rebootTime);
        ApplyFactoryDefaults(ConfigurationResetReason.BatteryFailure, "battery failure");
    }

    /// <summary>At start: the iLO's SRAM held no configuration although the iLO existed before (its file was lost).</summary>
    internal void BootWithConfigurationLost()
    {
        AppendEventLog("iLO configuration lost (SRAM empty at boot): factory defaults in use.", "Critical");
        ConfigurationReset?.Invoke(this, new ConfigurationResetEventArgs(ConfigurationResetReason.BatteryFailure));
    }

    /// <summary>Reset to factory defaults (as the <c>HpeiLO.ResetToFactoryDefaults</c> action does): the iLO reboots.</summary>
    /// <remarks>It is also the way out of FIPS and CNSA: the iLO comes back in Production.</remarks>
    public void ResetToFactoryDefaults(TimeSpan? rebootTime = null)
    {
        Reset("reset to factory defaults", rebootTime);
        UpdateState(s => s with { SecurityState = IloGenerations.DefaultSecurityState(Identity.Generation) }, durable: true);
        ApplyFactoryDefaults(ConfigurationResetReason.FactoryReset, "reset to factory defaults requested");
    }

    /// <summary>
    /// A new system board: same server serial, product and UUID; new iLO board serial, MAC and
    /// certificate; configuration lost, empty NAND, security state Production. Logs are kept
    /// <b>(our choice)</b>, so a test can follow what happened.
    /// </summary>
    public void ReplaceSystemBoard(TimeSpan? rebootTime = null)
    {
        Reset("system board replaced", rebootTime);
        var identity = Identity;
        SetIdentity(identity with { BoardSerial = IdentityFactory.NewBoardSerial(), MacAddress = IdentityFactory.NewMacAddress() });
        SetCertificate(IloCertificate.Replace(StateDirectory, identity.DefaultHostName, Time.GetUtcNow()));
        Nand.Clear();
        UpdateState(s => s with { SecurityState = IloGenerations.DefaultSecurityState(Identity.Generation) }, durable: true);
        AppendEventLog("New system board detected.", "Warning");
        ApplyFactoryDefaults(ConfigurationResetReason.BoardReplacement, "new system board");
    }

    /// <summary>The license key is lost (back to iLO Standard); an event-log entry says so.</summary>
    public void LoseLicense()
    {
        new Security.SecurityModel(this).RemoveLicense("Warning");
    }

    /// <summary>Updates the iLO firmware: new version, an event-log entry, and a reset.</summary>
    public void UpdateFirmware(string version, TimeSpan? rebootTime = null)
    {
        var firmware = IloFirmware.Parse(version);
        var previous = Identity.FirmwareVersion;
        SetIdentity(Identity with { FirmwareVersion = firmware.ToString() });
        AppendEventLog($"Firmware flashed from {previous} to {firmware}.");
        Reset("firmware update", rebootTime);
    }

    /// <summary>
    /// Installs a certificate of the operator's own (as iLO's certificate import does): served from
    /// the next TLS handshake on, with an event-log entry. Kept in memory only <b>(our choice)</b>:
    /// a restart brings back the iLO's own certificate.
    /// </summary>
    public void ImportCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the certificate needs its private key", nameof(certificate));
        }

        SetCertificate(certificate);
        AppendEventLog("SSL certificate imported.");
    }
}
