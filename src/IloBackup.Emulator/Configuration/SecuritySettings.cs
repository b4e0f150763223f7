namespace IloBackup.Emulator.Configuration;

/// <summary>
/// Security <em>settings</em> (backed up), as opposed to the security <em>state</em>
/// (Production/HighSecurity/FIPS/CNSA), which a restore must never change (§4).
/// </summary>
public sealed record SecuritySettings
{
    /// <summary>Idle session timeout in seconds (<c>SessionService.SessionTimeout</c>): 15, 30, 60 or 120 minutes.</summary>
    public int SessionTimeoutSeconds { get; init; } = 1800;

    public int MinPasswordLength { get; init; } = 8;
    public bool EnforcePasswordComplexity { get; init; }

    /// <summary>Failed logins allowed before iLO delays the answers (0, 1, 3 or 5).</summary>
    public int AuthFailuresBeforeDelay { get; init; } = 1;

    /// <summary>Delay of a failed login answer once the threshold is reached (2, 5, 10 or 30 s).</summary>
    public int AuthFailureDelaySeconds { get; init; } = 5;

    /// <summary>Log every n-th failed login in the iLO Event Log (0 = off, 1, 2, 3, 5).</summary>
    public int AuthFailureLoggingThreshold { get; init; } = 1;

    public bool LoginBannerEnabled { get; init; }
    public string LoginBannerText { get; init; } = "";

    public static IReadOnlyList<int> AllowedSessionTimeoutMinutes { get; } = [15, 30, 60, 120];
    public static IReadOnlyList<int> AllowedFailuresBeforeDelay { get; } = [0, 1, 3, 5];
    public static IReadOnlyList<int> AllowedFailureDelaySeconds { get; } = [2, 5, 10, 30];
    public static IReadOnlyList<int> AllowedLoggingThresholds { get; } = [0, 1, 2, 3, 5];
}
