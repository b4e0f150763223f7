using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Logs;

/// <summary>The shapes the iLO Event Log and the IML share (LogService, entries, entry).</summary>
internal static class LogServiceJson
{
    public static JsonObject Services(string path, string logPath) =>
        Collection(path, "#LogServiceCollection.LogServiceCollection", "Log Service Collection", [logPath]);

    public static JsonObject Service(string path, string id, string name, int count)
    {
        var body = Resource(path, "#LogService.v1_0_0.LogService", id, name, "LogService.LogService");
        body["Actions"] = new JsonObject { ["#LogService.ClearLog"] = Action(path + "/Actions/LogService.ClearLog") };
        body["Entries"] = Link(path + "/Entries");
        body["MaxNumberOfRecords"] = IloRuntimeState.MaxLogEntries;
        body["OverWritePolicy"] = "WrapsWhenFull";
        body["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["EntryCount"] = count } };
        return body;
    }

    public static JsonObject Entries(string path, IReadOnlyList<LogEntry> entries) =>
        Collection(path + "/Entries", "#LogEntryCollection.LogEntryCollection", "Log Entries", entries.Select(e => path + "/Entries/" + e.Id));

    public static JsonObject Entry(string path, LogEntry entry, string format)
    {
        var body = Resource(path + "/Entries/" + entry.Id, "#LogEntry.v1_0_0.LogEntry", entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Log Entry", "LogEntry.LogEntry");
        body["Created"] = Iso(entry.Created);
        body["EntryType"] = "Oem";
        body["Message"] = entry.Message;
        body["OemRecordFormat"] = format;
        body["Severity"] = entry.Severity;
        body["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["Count"] = 1, ["LastUpdate"] = Iso(entry.Created) } };
        return body;
    }

    public static LogEntry Find(RedfishRequest request, IReadOnlyList<LogEntry> entries, string path) =>
        int.TryParse(request.RouteValue("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && entries.FirstOrDefault(e => e.Id == id) is { } entry
            ? entry
            : throw new RedfishException(BaseMessages.ResourceMissingAtURI, path + "/Entries/" + request.RouteValue("id"));
}
