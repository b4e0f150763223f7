using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Logs;

/// <summary>
/// <c>Managers/1/ActiveHealthSystem</c>: data that accumulates over time and is never restored.
/// <b>(our choice)</b>: the recorded size grows by 64 KiB per hour since recording started
/// (<c>Oem.Hpe.RecordedSizeBytes</c>, <c>Oem.Hpe.FirstRecordTime</c>), so a test can see it move.
/// </summary>
internal static class ActiveHealthSystemResource
{
    private const long BytesPerHour = 64 * 1024;

    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(IloPaths.ActiveHealthSystem, IloPrivileges.Login, Get);

    /// <summary>Bytes of AHS data recorded by now.</summary>
    internal static long RecordedBytes(DateTimeOffset started, DateTimeOffset now) =>
        4096 + (long)(Math.Max(0, (now - started).TotalHours) * BytesPerHour);

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var started = ilo.State.AhsStarted;
        var body = Resource(IloPaths.ActiveHealthSystem, "#HpeiLOActiveHealthSystem.v2_5_0.HpeiLOActiveHealthSystem", "ActiveHealthSystem", "Active Health System", "HpeiLOActiveHealthSystem.HpeiLOActiveHealthSystem");
        body["AHSEnabled"] = true;
        body["Links"] = new JsonObject { ["AHSLocation"] = new JsonObject { ["extref"] = "/ahsdata/" } };
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["FirstRecordTime"] = Iso(started + ilo.State.ClockOffset),
                ["RecordedSizeBytes"] = RecordedBytes(started, ilo.Time.GetUtcNow()),
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }
}
