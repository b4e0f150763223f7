namespace IloBackup.Emulator.Configuration;

/// <summary>
/// NTP servers and time zone: configuration (restored). The clock itself is state (never restored).
/// </summary>
public sealed record TimeSettings
{
    public IReadOnlyList<string> NtpServers { get; init; } = [];
    public bool NtpEnabled { get; init; } = true;
    public string TimeZone { get; init; } = TimeZones.Default;
}
