using IloBackup.Emulator.Redfish;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>Registers every route of Backup and Restore (called from the emulator's one registration point).</summary>
public static class BackupRestoreRoutes
{
    public static void Map(RedfishRouteTable routes, BackupRestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BackupRestoreServiceResource.Map(routes, options);
        BackupFilesResource.Map(routes, options);
        BackupDownloadEndpoint.Map(routes, options);
        RestoreUploadEndpoint.Map(routes, options);
    }
}
