namespace IloBackup.Emulator.Configuration;

/// <summary>SNMP agent settings (<c>Managers/1/SnmpService</c>).</summary>
public sealed record SnmpSettings
{
    public bool SnmpV1Enabled { get; init; } = true;
    public bool AlertsEnabled { get; init; } = true;
    public string Contact { get; init; } = "";
    public string Location { get; init; } = "";
    public string Role { get; init; } = "";
    public IReadOnlyList<string> ReadCommunities { get; init; } = ["", "", ""];
    public IReadOnlyList<string> TrapCommunities { get; init; } = [];
    public IReadOnlyList<string> AlertDestinations { get; init; } = [];
}
