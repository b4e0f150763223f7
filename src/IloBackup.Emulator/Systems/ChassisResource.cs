using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Systems;

/// <summary><c>Chassis/1</c>: read-only; shows the same UID LED and power state as <c>Systems/1</c>.</summary>
internal static class ChassisResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.ChassisCollection, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.ChassisCollection, "#ChassisCollection.ChassisCollection", "Computer System Chassis", [IloPaths.Chassis]))));
        routes.MapGet(IloPaths.Chassis, IloPrivileges.Login, Get).Cacheable();
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var identity = request.Ilo.Identity;
        var state = request.Ilo.State;
        var body = Resource(IloPaths.Chassis, "#Chassis.v1_6_0.Chassis", "1", "Computer System Chassis", "Chassis.Chassis");
        body["ChassisType"] = "RackMount";
        body["IndicatorLED"] = state.IndicatorLed;
        body["Links"] = new JsonObject
        {
            ["ComputerSystems"] = new JsonArray(Link(IloPaths.System)),
            ["ManagedBy"] = new JsonArray(Link(IloPaths.Manager)),
        };
        body["Manufacturer"] = "HPE";
        body["Model"] = identity.ProductName;
        body["PowerState"] = state.PowerState;
        body["SKU"] = identity.ProductId;
        body["SerialNumber"] = identity.ServerSerial;
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }
}
