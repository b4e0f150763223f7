using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// <c>/redfish/v1/Managers</c> and <c>Managers/1</c>, the iLO itself: its links (including
/// <c>Oem.Hpe.Links.BackupRestoreService</c>), <c>Manager.Reset</c> and
/// <c>HpeiLO.ResetToFactoryDefaults</c> (§1).
/// </summary>
internal static class ManagerResource
{
    private const string ResetTarget = IloPaths.Manager + "/Actions/Manager.Reset";
    private const string FactoryResetTarget = IloPaths.Manager + "/Actions/Oem/Hpe/HpeiLO.ResetToFactoryDefaults";

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.Managers, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.Managers, "#ManagerCollection.ManagerCollection", "Managers", [IloPaths.Manager]))));
        routes.MapGet(IloPaths.Manager, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.Manager, IloPrivileges.ILOConfig, PatchAsync);
        routes.MapPost(ResetTarget, IloPrivileges.ILOConfig, ResetAsync);
        routes.MapPost(FactoryResetTarget, IloPrivileges.ILOConfig, FactoryResetAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var identity = ilo.Identity;
        var configuration = ilo.Configuration;
        var firmware = identity.Firmware;
        var body = Resource(IloPaths.Manager, "#Manager.v1_5_1.Manager", "1", "Manager", "Manager.Manager");
        body["Actions"] = new JsonObject { ["#Manager.Reset"] = Action(ResetTarget, "ResetType", "ForceRestart", "GracefulRestart") };
        body["DateTime"] = Iso(ilo.Clock);
        body["DateTimeLocalOffset"] = Configuration.TimeZones.All[Math.Max(0, Configuration.TimeZones.IndexOf(configuration.Time.TimeZone))].UtcOffset;
        body["Description"] = "iLO " + identity.Generation + " Manager";
        body["EthernetInterfaces"] = Link(IloPaths.EthernetInterfaces);
        body["FirmwareVersion"] = identity.FirmwareString;
        body["Links"] = new JsonObject
        {
            ["ManagerForChassis"] = new JsonArray(Link(IloPaths.Chassis)),
            ["ManagerForServers"] = new JsonArray(Link(IloPaths.System)),
            ["ManagerInChassis"] = Link(IloPaths.Chassis),
        };
        body["LogServices"] = Link(IloPaths.ManagerLogServices);
        body["ManagerType"] = "BMC";
        body["Model"] = identity.ManagerModel;
        body["NetworkProtocol"] = Link(IloPaths.NetworkProtocol);
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.context"] = "/redfish/v1/$metadata#HpeiLO.HpeiLO",
                ["@odata.type"] = "#HpeiLO.v2_8_0.HpeiLO",
                ["Actions"] = new JsonObject { ["#HpeiLO.ResetToFactoryDefaults"] = Action(FactoryResetTarget, "ResetType", "Default") },
                ["Firmware"] = new JsonObject
                {
                    ["Current"] = new JsonObject
                    {
                        ["DebugBuild"] = false,
                        ["MajorVersion"] = firmware.Major,
                        ["MinorVersion"] = firmware.Minor,
                        ["VersionString"] = identity.FirmwareString,
                    },
                },
                ["IdleConnectionTimeoutMinutes"] = configuration.Security.SessionTimeoutSeconds / 60,
                ["License"] = new JsonObject
                {
                    ["LicenseKey"] = configuration.License.MaskedKey,
                    ["LicenseString"] = configuration.License.LicenseName,
                    ["LicenseType"] = configuration.License.Key is null ? "Unlicensed" : "Perpetual",
                },
                ["Links"] = new JsonObject
                {
                    ["ActiveHealthSystem"] = Link(IloPaths.ActiveHealthSystem),
                    ["BackupRestoreService"] = Link(IloPaths.BackupRestoreService),
                    ["DateTimeService"] = Link(IloPaths.DateTime),
                    ["LicenseService"] = Link(IloPaths.LicenseService),
                    ["SNMPService"] = Link(IloPaths.SnmpService),
                    ["SecurityService"] = Link(IloPaths.SecurityService),
                },
                ["iLOSelfTestResults"] = new JsonArray(
                    new JsonObject { ["Notes"] = "", ["SelfTestName"] = "NVRAMData", ["Status"] = "OK" },
                    new JsonObject { ["Notes"] = "", ["SelfTestName"] = "EmbeddedFlash", ["Status"] = "OK" }),
            },
        };
        // No SerialNumber: iLO documents none on Manager.v1_5_1 (and the type has none); the board serial is not served.
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        body["UUID"] = ManagerUuid(identity.BoardSerial).ToString();
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var minutes = body.Object("Oem")?.Object("Hpe")?.Integer("IdleConnectionTimeoutMinutes");
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "FirmwareVersion", "Model", "ManagerType", "UUID", "SerialNumber",
            "Status", "Links", "Actions", "DateTime", "DateTimeLocalOffset", "EthernetInterfaces", "LogServices", "NetworkProtocol");
        if (minutes is { } m)
        {
            Sessions.SessionServiceResource.CheckTimeout(m * 60, "Oem/Hpe/IdleConnectionTimeoutMinutes");
            new Sessions.SessionsModel(request.Ilo).SetTimeout(m * 60);
        }

        return RedfishResponse.Success();
    }

    private static async ValueTask<RedfishResponse> ResetAsync(RedfishRequest request)
    {
        var body = await ReadActionBodyAsync(request);
        var type = body.Enum("ResetType", ["ForceRestart", "GracefulRestart"]);
        body.EnsureFullyRead();
        _ = type;
        BackupRestore.BackupRestoreFeature.Of(request.Ilo).RequestReset($"requested by {request.User!.UserName}");
        return RedfishResponse.Success();
    }

    private static async ValueTask<RedfishResponse> FactoryResetAsync(RedfishRequest request)
    {
        var body = await ReadActionBodyAsync(request);
        var type = body.String("ResetType");
        body.EnsureFullyRead();
        if (type is null)
        {
            throw new RedfishException(BaseMessages.ActionParameterMissing, "HpeiLO.ResetToFactoryDefaults", "ResetType");
        }

        if (type != "Default")
        {
            throw new RedfishException(BaseMessages.ActionParameterValueNotInList, type, "ResetType", "HpeiLO.ResetToFactoryDefaults");
        }

        request.Ilo.ResetToFactoryDefaults();
        return RedfishResponse.Success();
    }

    /// <summary>Actions accept an empty body as <c>{}</c>.</summary>
    internal static async Task<JsonBody> ReadActionBodyAsync(RedfishRequest request) =>
        request.HttpContext.Request.ContentLength == 0 ? new JsonBody([]) : await request.ReadBodyAsync();

    /// <summary>The iLO's own UUID, stable for a board.</summary>
    private static Guid ManagerUuid(string boardSerial) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("ilo-board:" + boardSerial)).AsSpan(0, 16));
}
