using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Logs;

/// <summary>
/// The Integrated Management Log (<c>Systems/1/LogServices/IML</c>): server events such as power
/// changes. Never backed up or restored (§4).
/// </summary>
internal static class ImlResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.SystemLogServices, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(LogServiceJson.Services(IloPaths.SystemLogServices, IloPaths.Iml))));
        routes.MapGet(IloPaths.Iml, IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Service(IloPaths.Iml, "IML", "Integrated Management Log", r.Ilo.State.Iml.Count))));
        routes.MapGet(IloPaths.Iml + "/Entries", IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Entries(IloPaths.Iml, r.Ilo.State.Iml, LogServiceJson.ImlFormat))));
        routes.MapGet(IloPaths.Iml + "/Entries/{id}", IloPrivileges.Login, r => ValueTask.FromResult(RedfishResponse.Resource(
            LogServiceJson.Entry(IloPaths.Iml, LogServiceJson.Find(r, r.Ilo.State.Iml, IloPaths.Iml), LogServiceJson.ImlFormat))));
        routes.MapPost(IloPaths.Iml + "/Actions/LogService.ClearLog", IloPrivileges.ILOConfig, ClearAsync);
    }

    private static async ValueTask<RedfishResponse> ClearAsync(RedfishRequest request)
    {
        var body = await ManagerResource.ReadActionBodyAsync(request);
        body.EnsureFullyRead();
        new LogsModel(request.Ilo).ClearIml(request.User!.UserName);
        return RedfishResponse.Success();
    }
}
