using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Logs;

/// <summary>
/// The iLO Event Log (<c>Managers/1/LogServices/IEL</c>): logins, failed logins, configuration
/// changes, resets. Never backed up or restored (§4).
/// </summary>
internal static class EventLogResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.ManagerLogServices, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(LogServiceJson.Services(IloPaths.ManagerLogServices, IloPaths.EventLog))));
        routes.MapGet(IloPaths.EventLog, IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Service(IloPaths.EventLog, "IEL", "iLO Event Log", r.Ilo.State.EventLog.Count))));
        routes.MapGet(IloPaths.EventLog + "/Entries", IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Entries(IloPaths.EventLog, r.Ilo.State.EventLog, LogServiceJson.IelFormat))));
        routes.MapGet(IloPaths.EventLog + "/Entries/{id}", IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Entry(IloPaths.EventLog, LogServiceJson.Find(r, r.Ilo.State.EventLog, IloPaths.EventLog), LogServiceJson.IelFormat))));
        routes.MapPost(IloPaths.EventLog + "/Actions/LogService.ClearLog", IloPrivileges.ILOConfig, ClearAsync);
    }

    private static async ValueTask<RedfishResponse> ClearAsync(RedfishRequest request)
    {
        var body = await ManagerResource.ReadActionBodyAsync(request);
        body.EnsureFullyRead();
        new LogsModel(request.Ilo).ClearEventLog(request.User!.UserName);
        return RedfishResponse.Success();
    }
}
