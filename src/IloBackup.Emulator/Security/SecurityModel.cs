using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Security;

/// <summary>
/// The security state (entering FIPS or CNSA resets the configuration to factory defaults, §4;
/// leaving them over Redfish is refused), the login banner and the license key. Each change with
/// its log entries is one <see cref="VirtualIlo.Change"/>.
/// </summary>
public sealed class SecurityModel(VirtualIlo ilo)
{
    /// <summary>The security service's PATCH: banner and state together, or nothing.</summary>
    public void Change(bool? bannerEnabled, string? bannerText, IloSecurityState? target) => ilo.Change(c =>
    {
        var current = c.State.SecurityState;
        if (target is { } wanted && wanted < current && current is IloSecurityState.FIPS or IloSecurityState.SuiteB)
        {
            throw new IloRefusedException(IloRefusal.SecurityStateNeedsFactoryReset, current.ToString());
        }

        if (bannerEnabled is not null || bannerText is not null)
        {
            var security = c.Configuration.Security;
            c.Configuration = c.Configuration with
            {
                Security = security with
                {
                    LoginBannerEnabled = bannerEnabled ?? security.LoginBannerEnabled,
                    LoginBannerText = bannerText ?? security.LoginBannerText,
                },
            };
            c.Log("Login security banner changed.");
        }

        if (target is { } next)
        {
            SetState(c, next);
        }
    });

    /// <summary>Changes the security state as the iLO itself would (no refusal: also the way back from FIPS after a factory reset).</summary>
    public void SetSecurityState(IloSecurityState target) => ilo.Change(c => SetState(c, target));

    public void InstallLicense(string normalizedKey) => ilo.Change(c =>
    {
        c.Configuration = c.Configuration with { License = new LicenseSettings { Key = normalizedKey, Name = "iLO Advanced" } };
        c.Log("iLO license key installed.");
    });

    public void RemoveLicense(string severity = "OK") => ilo.Change(c =>
    {
        c.Configuration = c.Configuration with { License = new LicenseSettings() };
        c.Log("iLO license key removed.", severity);
    });

    private static void SetState(IloChange c, IloSecurityState target)
    {
        var previous = c.State.SecurityState;
        if (previous == target)
        {
            return;
        }

        c.State = c.State with { SecurityState = target };
        c.Log($"Security state changed from {previous} to {target}.", "Warning");
        if (target is IloSecurityState.FIPS or IloSecurityState.SuiteB)
        {
            c.ResetConfigurationToFactoryDefaults(ConfigurationResetReason.SecurityStateChange, $"entering {target}");
        }
    }
}
