using System.Text.Json.Nodes;

namespace IloBackup.Redfish.Discovery;

/// <summary>
/// What the iLO's <c>HpeiLOBackupRestoreService</c> says about itself (§3). Every URI here comes
/// from the service; none is hard-coded.
/// </summary>
public sealed record BackupRestoreServiceInfo(
    string ServicePath,
    string? BackupFileLocation,
    string? HttpPushUri,
    string? BackupFilesPath,
    bool? CustomBackupandRestore,
    JsonObject Body)
{
    /// <summary>The iLO's file name of the backup it just created (<c>HPE_&lt;serial&gt;_&lt;date&gt;_&lt;time&gt;.bak</c>), or null.</summary>
    public string? BackupFileName => BackupFileLocation is null
        ? null
        : Path.GetFileName(Uri.TryCreate(BackupFileLocation, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath.TrimEnd('/')
            : BackupFileLocation.Split('?')[0].TrimEnd('/'));
}
