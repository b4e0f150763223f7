using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>Registers Backup and Restore in the emulator's one registration point (<see cref="Resources.EmulatorRoutes"/>).</summary>
public static class BackupRestoreRoutes
{
    /// <summary>Every route of Backup and Restore.</summary>
    public static void Map(RedfishRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        BackupRestoreServiceResource.Map(routes);
        BackupFilesResource.Map(routes);
        BackupDownloadEndpoint.Map(routes);
        RestoreUploadEndpoint.Map(routes);
    }

    /// <summary>Per-iLO initializer: creates the model with the fleet's options before the iLO first boots.</summary>
    public static void Initialize(VirtualIlo ilo, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(ilo);
        ArgumentNullException.ThrowIfNull(options);
        options.BackupRestore.Validate();
        BackupRestoreFeature.Attach(ilo, options.BackupRestore);
    }
}
