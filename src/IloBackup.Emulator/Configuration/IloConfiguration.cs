using System.Text.Json.Serialization;

namespace IloBackup.Emulator.Configuration;

/// <summary>
/// The whole iLO configuration: exactly the categories a backup carries
/// (<c>../shared/docs/ilo-behaviour.md</c> §4). Immutable: a change builds a new value with
/// <c>with</c>, so a snapshot can never be half-updated. What is not configuration (security
/// state, logs, Active Health System data, power state, UID LED, clocks) lives in
/// <see cref="Ilo.IloRuntimeState"/> and is never part of this record.
/// </summary>
public sealed record IloConfiguration
{
    /// <summary>Version of this record's JSON shape (the SRAM file and, later, backup payloads).</summary>
    public const int CurrentFormatVersion = 1;

    [JsonPropertyOrder(-1)]
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required PowerSettings Power { get; init; }
    public required NetworkSettings Network { get; init; }
    public required SecuritySettings Security { get; init; }
    public required UserDatabase Users { get; init; }
    public required LicenseSettings License { get; init; }
    public required SnmpSettings Snmp { get; init; }
    public required IpmiSettings Ipmi { get; init; }
    public required TimeSettings Time { get; init; }
}
