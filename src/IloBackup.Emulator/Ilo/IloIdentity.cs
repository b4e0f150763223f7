namespace IloBackup.Emulator.Ilo;

/// <summary>
/// Who an emulated iLO is. The server part (serial, product, UUID) survives a system board
/// replacement; the board part (board serial, MAC, certificate) does not.
/// </summary>
public sealed record IloIdentity
{
    /// <summary>Server serial number, like <c>MXQ78407Z2</c>.</summary>
    public required string ServerSerial { get; init; }

    /// <summary>e.g. <c>ProLiant DL360 Gen10 Plus</c>.</summary>
    public required string ProductName { get; init; }

    /// <summary>e.g. <c>867959-B21</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary>The server's UUID (<c>Systems/1.UUID</c>, service root <c>UUID</c>).</summary>
    public required Guid Uuid { get; init; }

    /// <summary>5 or 6.</summary>
    public required int Generation { get; init; }

    /// <summary>iLO firmware version, like <c>2.78</c>.</summary>
    public required string FirmwareVersion { get; init; }

    /// <summary>Serial number of the iLO (system) board.</summary>
    public required string BoardSerial { get; init; }

    /// <summary>MAC address of the iLO dedicated port, <c>94:40:c9:xx:xx:xx</c>.</summary>
    public required string MacAddress { get; init; }

    /// <summary>The default password printed on the toe tag (factory defaults use it).</summary>
    public required string ToeTagPassword { get; init; }

    /// <summary><c>iLO 5</c> or <c>iLO 6</c>.</summary>
    public string ManagerModel => $"iLO {Generation}";

    /// <summary>What <c>Managers/1.FirmwareVersion</c> shows: <c>iLO 5 v2.78</c>.</summary>
    public string FirmwareString => $"iLO {Generation} v{FirmwareVersion}";

    /// <summary>The factory host name, as iLO builds it.</summary>
    public string DefaultHostName => "ILO" + ServerSerial;

    public IloFirmware Firmware => IloFirmware.Parse(FirmwareVersion);

    /// <summary>Never prints the toe-tag password.</summary>
    public override string ToString() =>
        $"IloIdentity {{ ServerSerial = {ServerSerial}, ProductName = {ProductName}, ProductId = {ProductId}, Generation = {Generation}, FirmwareVersion = {FirmwareVersion}, BoardSerial = {BoardSerial}, MacAddress = {MacAddress} }}";
}
