using IloBackup.Emulator.Accounts;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Logs;
using IloBackup.Emulator.Network;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Schemas;
using IloBackup.Emulator.Security;
using IloBackup.Emulator.Sessions;
using IloBackup.Emulator.Systems;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// The one registration point of the emulator: every resource adds its routes here (one
/// <c>Map</c> line per resource file), and every per-iLO extension its initializer.
/// </summary>
public static class EmulatorRoutes
{
    /// <summary>Run once for each iLO when the fleet starts, before it answers (e.g. to subscribe to
    /// <see cref="VirtualIlo.ConfigurationReset"/> for custom auto-restore).</summary>
    public static IReadOnlyList<Action<VirtualIlo, EmulatorOptions>> IloInitializers { get; } =
    [
        BackupRestoreRoutes.Initialize,
    ];

    /// <summary>Run once with the whole fleet when it starts (e.g. to hand out faults by share of the fleet).</summary>
    public static IReadOnlyList<Action<IReadOnlyList<VirtualIlo>, EmulatorOptions>> FleetInitializers { get; } =
    [
        Faults.FaultRoutes.Initialize,
    ];

    public static void Map(RedfishRoutes routes)
    {
        ServiceRootResource.Map(routes);
        ResourceDirectoryResource.Map(routes);
        RegistriesResource.Map(routes);
        Registries.MessageRegistryResource.Map(routes);
        SessionServiceResource.Map(routes);
        SessionsResource.Map(routes);
        AccountServiceResource.Map(routes);
        AccountsResource.Map(routes);
        RolesResource.Map(routes);
        ManagerResource.Map(routes);
        EthernetInterfaceResource.Map(routes);
        NetworkProtocolResource.Map(routes);
        SnmpServiceResource.Map(routes);
        DateTimeResource.Map(routes);
        LicenseServiceResource.Map(routes);
        SecurityServiceResource.Map(routes);
        EventLogResource.Map(routes);
        ActiveHealthSystemResource.Map(routes);
        SystemResource.Map(routes);
        ImlResource.Map(routes);
        ChassisResource.Map(routes);
        BackupRestoreRoutes.Map(routes);
        JsonSchemasResource.Map(routes);
        MetadataResource.Map(routes);
        ODataServiceResource.Map(routes);
    }
}
