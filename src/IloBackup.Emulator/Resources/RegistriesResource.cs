using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// <c>/redfish/v1/Registries</c>: iLOrest insists on the link. It lists the Base registry, the one
/// every message the emulator sends comes from (<see cref="Registries.MessageRegistryResource"/>).
/// </summary>
internal static class RegistriesResource
{
    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(IloPaths.Registries, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.Registries, "#MessageRegistryFileCollection.MessageRegistryFileCollection", "Registry File Repository", Registries.MessageRegistryResource.Files))));
}
