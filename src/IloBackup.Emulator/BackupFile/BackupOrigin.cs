namespace IloBackup.Emulator.BackupFile;

/// <summary>
/// The server and iLO a backup was taken from, as recorded in the file's header. The serial number
/// and product id bind the file to its server; the iLO board is deliberately not part of it, so a
/// file survives a system board replacement (../shared/docs/ilo-behaviour.md §3, §5).
/// </summary>
/// <param name="SerialNumber">Server serial number, e.g. <c>MXQ78407Z2</c>.</param>
/// <param name="ProductId">Server product id, e.g. <c>867959-B21</c>.</param>
/// <param name="ProductName">Server product name, e.g. <c>ProLiant DL360 Gen10 Plus</c>.</param>
/// <param name="IloGeneration">iLO generation: 5, 6 or 7.</param>
/// <param name="FirmwareVersion">iLO firmware version the backup was made with, e.g. <c>2.78</c>.</param>
public sealed record BackupOrigin(
    string SerialNumber,
    string ProductId,
    string ProductName,
    int IloGeneration,
    string FirmwareVersion);
