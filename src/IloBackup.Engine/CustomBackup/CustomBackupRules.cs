using IloBackup.Engine.Identity;

namespace IloBackup.Engine.CustomBackup;

/// <summary>
/// What HPE ties custom backup to (§6 and the seed): iLO 5 from 2.72, iLO 6 from 1.10 (1.05 covered
/// only IPMI and SNMP users), iLO 7; Production and HighSecurity states only, not FIPS or higher.
/// </summary>
public static class CustomBackupRules
{
    public static bool IsBlockingSecurityState(string? state) =>
        state is not null && (state.Contains("FIPS", StringComparison.OrdinalIgnoreCase)
            || state.Contains("CNSA", StringComparison.OrdinalIgnoreCase)
            || state.Contains("SuiteB", StringComparison.OrdinalIgnoreCase));

    /// <summary>Why this firmware has no custom backup, or null when it should have it.</summary>
    public static string? FirmwareExplanation(IloIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var generation = IloIdentityReader.GenerationNumber(identity.IloGeneration);
        _ = Version.TryParse(identity.FirmwareVersion, out var firmware);
        var minimum = generation switch
        {
            5 => new Version(2, 72),
            6 => new Version(1, 10),
            _ => null,
        };
        if (generation is < 5)
        {
            return $"custom backup and restore needs iLO 5 2.72 or later, iLO 6 1.10 or later, or iLO 7; this is {identity.IloGeneration}";
        }

        return minimum is not null && firmware is not null && firmware < minimum
            ? $"custom backup and restore needs {identity.IloGeneration} firmware {minimum} or later; this iLO runs {identity.FirmwareVersion}: update the iLO firmware"
            : null;
    }

    /// <summary>The seed's note on iLO 6 1.05: only IPMI and SNMP user settings were covered.</summary>
    public static string? CoverageNote(IloIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return IloIdentityReader.GenerationNumber(identity.IloGeneration) == 6
            && Version.TryParse(identity.FirmwareVersion, out var v) && v < new Version(1, 10)
            ? "on iLO 6 1.05 only IPMI and SNMP user settings are covered by custom backup"
            : null;
    }

    public const string SecurityStateExplanation =
        "custom backup and automatic restore is not supported in the FIPS and higher security states (only Production and HighSecurity)";
}
