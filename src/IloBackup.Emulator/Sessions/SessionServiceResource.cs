using IloBackup.Emulator.Resources;
using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Sessions;

/// <summary><c>/redfish/v1/SessionService</c>: the idle timeout (<c>SessionTimeout</c>, seconds).</summary>
internal static class SessionServiceResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.SessionService, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.SessionService, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var body = Resource(IloPaths.SessionService, "#SessionService.v1_0_0.SessionService", "SessionService", "Session Service", "SessionService.SessionService");
        body["Description"] = "Session Service";
        body["ServiceEnabled"] = true;
        body["SessionTimeout"] = request.Ilo.Configuration.Security.SessionTimeoutSeconds;
        body["Sessions"] = Link(IloPaths.Sessions);
        body["Status"] = new JsonObject { ["Health"] = "OK", ["State"] = "Enabled" };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var timeout = body.Integer("SessionTimeout");
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "ServiceEnabled", "Sessions", "Status");
        if (timeout is { } seconds)
        {
            CheckTimeout(seconds, "SessionTimeout");
            new SessionsModel(request.Ilo).SetTimeout(seconds);
        }

        return RedfishResponse.Success();
    }

    /// <summary>iLO allows idle timeouts of 15, 30, 60 or 120 minutes (§2).</summary>
    internal static void CheckTimeout(int seconds, string property)
    {
        if (seconds % 60 != 0 || !Configuration.SecuritySettings.AllowedSessionTimeoutMinutes.Contains(seconds / 60))
        {
            throw new RedfishException(BaseMessages.PropertyValueNotInList, seconds.ToString(CultureInfo.InvariantCulture), property);
        }
    }
}
