namespace IloBackup.Emulator.Configuration;

/// <summary>IPMI over LAN settings (<c>NetworkProtocol.IPMI</c>).</summary>
public sealed record IpmiSettings
{
    public bool Enabled { get; init; }
    public int Port { get; init; } = 623;
}
