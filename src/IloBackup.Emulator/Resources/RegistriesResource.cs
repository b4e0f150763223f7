using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// <c>/redfish/v1/Registries</c>: iLOrest insists on the link. <b>(our choice)</b>: the
/// collection is empty; every message the emulator sends is from the DMTF Base registry.
/// </summary>
internal static class RegistriesResource
{
    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(IloPaths.Registries, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.Registries, "#MessageRegistryFileCollection.MessageRegistryFileCollection", "Registry File Repository", []))));
}
