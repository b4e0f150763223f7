using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Systems;

/// <summary>
/// <c>Systems/1</c>, the server: power state and UID LED (state, never restored) and power
/// settings (configuration). <b>(our choice)</b>: PATCH and <c>ComputerSystem.Reset</c> need
/// Virtual Power and Reset.
/// </summary>
internal static class SystemResource
{
    private const string ResetTarget = IloPaths.System + "/Actions/ComputerSystem.Reset";
    private static readonly string[] ResetTypes = ["On", "ForceOff", "GracefulShutdown", "ForceRestart", "Nmi", "PushPowerButton", "GracefulRestart"];

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.Systems, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.Systems, "#ComputerSystemCollection.ComputerSystemCollection", "Computer Systems", [IloPaths.System]))));
        routes.MapGet(IloPaths.System, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.System, IloPrivileges.VirtualPowerAndReset, PatchAsync);
        routes.MapPost(ResetTarget, IloPrivileges.VirtualPowerAndReset, ResetAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var identity = ilo.Identity;
        var state = ilo.State;
        var power = ilo.Configuration.Power;
        var body = Resource(IloPaths.System, IloGenerations.ComputerSystemType(identity.Generation), "1", "Computer System", "ComputerSystem.ComputerSystem");
        body["Actions"] = new JsonObject { ["#ComputerSystem.Reset"] = Action(ResetTarget, "ResetType", ResetTypes) };
        body["BiosVersion"] = IloGenerations.BiosVersion(identity.Generation);
        body["HostName"] = "host-" + identity.ServerSerial.ToLowerInvariant();
        body["IndicatorLED"] = state.IndicatorLed;
        body["Links"] = new JsonObject
        {
            ["Chassis"] = new JsonArray(Link(IloPaths.Chassis)),
            ["ManagedBy"] = new JsonArray(Link(IloPaths.Manager)),
        };
        body["LogServices"] = Link(IloPaths.SystemLogServices);
        body["Manufacturer"] = "HPE";
        body["MemorySummary"] = new JsonObject { ["TotalSystemMemoryGiB"] = 256 };
        body["Model"] = identity.ProductName;
        body["PowerRestorePolicy"] = power.PowerRestorePolicy;
        body["PowerState"] = state.PowerState;
        body["ProcessorSummary"] = new JsonObject { ["Count"] = 2, ["Model"] = "Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz" };
        body["SKU"] = identity.ProductId;
        body["SerialNumber"] = identity.ServerSerial;
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        body["SystemType"] = "Physical";
        body["UUID"] = identity.Uuid.ToString();
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeComputerSystemExt.v2_9_0.HpeComputerSystemExt",
                ["PowerAutoOn"] = PowerAutoOn(power.PowerRestorePolicy),
                ["PowerOnDelay"] = power.PowerOnDelay,
                ["PowerRegulatorMode"] = power.PowerRegulatorMode,
                ["PowerRegulatorModesSupported"] = Strings(PowerSettings.RegulatorModes),
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var led = body.Enum("IndicatorLED", ["Lit", "Off"]);
        var restore = body.Enum("PowerRestorePolicy", PowerSettings.RestorePolicies);
        var hpe = body.Object("Oem")?.Object("Hpe");
        var autoOn = hpe?.Enum("PowerAutoOn", AutoOnValues);
        if (autoOn is not null && restore is not null && PowerAutoOn(restore) != autoOn)
        {
            throw new RedfishException(BaseMessages.PropertyValueConflict, "PowerRestorePolicy", "Oem/Hpe/PowerAutoOn");
        }

        restore ??= autoOn is null ? null : RestorePolicy(autoOn);
        var regulator = hpe?.Enum("PowerRegulatorMode", PowerSettings.RegulatorModes);
        var delay = hpe?.Enum("PowerOnDelay", PowerSettings.PowerOnDelays);
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "PowerState", "SerialNumber", "SKU", "UUID", "Model", "Manufacturer",
            "BiosVersion", "HostName", "Status", "SystemType", "Links", "Actions", "LogServices", "MemorySummary", "ProcessorSummary", "PowerRegulatorModesSupported");
        Func<Configuration.PowerSettings, Configuration.PowerSettings>? settings = restore is null && regulator is null && delay is null ? null : p => p with
        {
            PowerRestorePolicy = restore ?? p.PowerRestorePolicy,
            PowerRegulatorMode = regulator ?? p.PowerRegulatorMode,
            PowerOnDelay = delay ?? p.PowerOnDelay,
        };
        new PowerModel(request.Ilo).Change(settings, led);
        return RedfishResponse.Success();
    }

    /// <summary>HPE's auto power-on values (HpeComputerSystemExt.PowerAutoOn), one per DMTF restore policy.</summary>
    private static readonly string[] AutoOnValues = ["PowerOn", "PowerOff", "Restore"];

    /// <summary>The one setting, as iLO names it under <c>Oem.Hpe</c>.</summary>
    private static string PowerAutoOn(string restorePolicy) => restorePolicy switch
    {
        "AlwaysOn" => "PowerOn",
        "AlwaysOff" => "PowerOff",
        _ => "Restore",
    };

    private static string RestorePolicy(string autoOn) => autoOn switch
    {
        "PowerOn" => "AlwaysOn",
        "PowerOff" => "AlwaysOff",
        _ => "LastState",
    };

    private static async ValueTask<RedfishResponse> ResetAsync(RedfishRequest request)
    {
        var body = await ManagerResource.ReadActionBodyAsync(request);
        var type = body.String("ResetType");
        body.EnsureFullyRead();
        if (type is null)
        {
            throw new RedfishException(BaseMessages.ActionParameterMissing, "ComputerSystem.Reset", "ResetType");
        }

        if (!ResetTypes.Contains(type))
        {
            throw new RedfishException(BaseMessages.ActionParameterValueNotInList, type, "ResetType", "ComputerSystem.Reset");
        }

        new PowerModel(request.Ilo).Reset(type);
        return RedfishResponse.Success();
    }
}
