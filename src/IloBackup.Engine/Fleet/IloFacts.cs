namespace IloBackup.Engine.Fleet;

/// <summary>Who an iLO is, as far as the fleet cares: the server and the firmware it runs now.</summary>
public sealed record IloFacts(string? Serial, string? Product, string? ProductId, string? Generation, string? Firmware);
