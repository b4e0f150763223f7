namespace IloBackup.Engine.Identity;

/// <summary>Who an iLO is: the server it manages and the iLO itself.</summary>
public sealed record IloIdentity(
    string? SerialNumber,
    string? ProductName,
    string? ProductId,
    string? IloGeneration,
    string? FirmwareVersion)
{
    public override string ToString() =>
        $"{ProductName ?? "unknown product"} ({ProductId ?? "?"}), serial {SerialNumber ?? "?"}, {IloGeneration ?? "iLO"} {FirmwareVersion ?? "?"}";
}
