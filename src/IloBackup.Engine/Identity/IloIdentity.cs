namespace IloBackup.Engine.Identity;

/// <summary>
/// Who an iLO is: the server it manages and the iLO itself. The one record of these five facts from
/// the wire (<see cref="IloIdentityReader"/>) to the metadata, the catalog and the fleet's report.
/// </summary>
public sealed record IloIdentity(
    string? SerialNumber,
    string? ProductName,
    string? ProductId,
    string? IloGeneration,
    string? FirmwareVersion)
{
    /// <summary>Nothing known (a failed attempt, a row older than the fields).</summary>
    public static IloIdentity Unknown { get; } = new(null, null, null, null, null);

    /// <summary>Only the serial number known (a failed attempt of an inventory host that names it).</summary>
    public static IloIdentity OfSerial(string? serialNumber) => serialNumber is null ? Unknown : Unknown with { SerialNumber = serialNumber };

    public override string ToString() =>
        $"{ProductName ?? "unknown product"} ({ProductId ?? "?"}), serial {SerialNumber ?? "?"}, {IloGeneration ?? "iLO"} {FirmwareVersion ?? "?"}";
}
