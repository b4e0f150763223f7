using IloBackup.Emulator.Redfish;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// The DMTF Base registry messages Backup and Restore answers with, beyond those of
/// <see cref="BaseMessages"/> (same registry, same rendering), and the map from a refusal to its
/// answer. Statuses are our choice where iLO's are unknown (docs/emulator-backup-restore.md).
/// </summary>
internal static class BackupRestoreMessages
{
    public static BaseMessage ResourceAtUriInUnknownFormat { get; } = new(
        "ResourceAtUriInUnknownFormat", 400, "The resource at '%1' is in a format not recognized by the service.", "Critical",
        "Place an image or resource or file that is recognized by the service at the URI.");

    public static BaseMessage ResourceTypeIncompatible { get; } = new(
        "ResourceTypeIncompatible", 400, "The resource is of type %1 but the service expected %2.", "Critical",
        "Resubmit the request with a payload that is compatible with the resource's schema.");

    public static BaseMessage ResourceInUse { get; } = new(
        "ResourceInUse", 409, "The change to the requested resource failed because the resource is in use or in transition.", "Warning",
        "Remove the condition and resubmit the request if the operation failed.");

    public static BaseMessage UploadTooLarge { get; } = new(
        "UnrecognizedRequestBody", 413, "The uploaded file is larger than the %1 bytes this iLO accepts.", "Critical",
        "Upload a backup file made by this iLO.");

    /// <summary>The body iLO answers a missing or wrong backup password with (iLOrest matches it exactly, §3).</summary>
    public const string InvalidRestorePassword = "invalid_restore_password";

    /// <summary>The Redfish error of a restore refusal (all but <see cref="RestoreRefusal.InvalidPassword"/>, which is plain text).</summary>
    public static RedfishException ToRedfish(RestoreRefusedException refusal, string fileName, BackupRestoreFeature feature)
    {
        var identity = feature.Ilo.Identity;
        var file = BackupRestoreFeature.Printable(fileName);
        return refusal.Reason switch
        {
            RestoreRefusal.AnotherServer => new RedfishException(
                ResourceTypeIncompatible,
                "a backup of another server",
                $"a backup of server {identity.ServerSerial} (product {identity.ProductId})"),
            RestoreRefusal.AnotherGeneration => new RedfishException(
                ResourceTypeIncompatible, "a backup made by another iLO generation", $"a backup made by iLO {identity.Generation}"),
            RestoreRefusal.NewerFirmware => new RedfishException(
                ResourceTypeIncompatible,
                "a backup made by newer iLO firmware",
                $"a backup made by iLO {identity.Generation} firmware {identity.FirmwareVersion} or older"),
            RestoreRefusal.UnsupportedVersion => new RedfishException(
                ResourceTypeIncompatible, "a backup file of a newer format version", "a backup file this firmware can read"),
            RestoreRefusal.RestoreInProgress => new RedfishException(ResourceInUse),
            _ => new RedfishException(ResourceAtUriInUnknownFormat, file),
        };
    }
}
