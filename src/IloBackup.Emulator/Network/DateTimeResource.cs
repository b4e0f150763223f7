using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Network;

/// <summary>
/// <c>Managers/1/DateTime</c>: NTP servers and time zone are configuration; the clock
/// (<c>DateTime</c>) is state and read-only (§4).
/// </summary>
internal static class DateTimeResource
{
    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.DateTime, IloPrivileges.Login, Get).Cacheable();
        routes.MapPatch(IloPaths.DateTime, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var time = ilo.Configuration.Time;
        var index = Math.Max(0, TimeZones.IndexOf(time.TimeZone));
        var body = Resource(IloPaths.DateTime, "#HpeiLODateTime.v2_0_0.HpeiLODateTime", "DateTime", "iLO Date and Time Settings", "HpeiLODateTime.HpeiLODateTime");
        body["ConfigurationSettings"] = "Current";
        body["DateTime"] = Iso(ilo.Clock);
        body["NTPServers"] = Strings(time.NtpEnabled ? time.NtpServers : []);
        body["PropagateTimeToHost"] = true;
        body["StaticNTPServers"] = Strings(time.NtpServers);
        body["TimeZone"] = Zone(index);
        body["TimeZoneList"] = new JsonArray([.. Enumerable.Range(0, TimeZones.All.Count).Select(i => (JsonNode?)Zone(i))]);
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var servers = body.StringArray("StaticNTPServers", maxItems: 2)?.Select(s => Validate.Address(s, "StaticNTPServers")).ToList();
        var zone = body.Object("TimeZone");
        var name = zone?.String("Name");
        var index = zone?.Integer("Index", 0, TimeZones.All.Count - 1);
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "ConfigurationSettings", "DateTime", "NTPServers", "TimeZoneList", "UtcOffset", "Value", "PropagateTimeToHost");
        string? zoneName = null;
        if (name is not null)
        {
            zoneName = TimeZones.IndexOf(name) >= 0 ? name : throw new RedfishException(BaseMessages.PropertyValueNotInList, name, "TimeZone/Name");
        }
        else if (index is { } i)
        {
            zoneName = TimeZones.All[i].Name;
        }

        new NetworkModel(request.Ilo).ChangeTime(time => time with
        {
            NtpServers = servers is null ? time.NtpServers : [.. servers.Where(s => s.Length > 0)],
            TimeZone = zoneName ?? time.TimeZone,
        });
        return RedfishResponse.Success();
    }

    private static JsonObject Zone(int index) => new()
    {
        ["Index"] = index,
        ["Name"] = TimeZones.All[index].Name,
        ["UtcOffset"] = TimeZones.All[index].UtcOffset,
    };
}
