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

    /// <summary>
    /// The entries collection with every member in full: <c>LogEntryCollection.Members</c> is
    /// <c>OData.AutoExpand</c> in DMTF's schema, and HPE documents full members for the IEL and IML.
    /// </summary>
    public static JsonObject Entries(string path, IReadOnlyList<LogEntry> entries, string format)
    {
        var body = Collection(path + "/Entries", "#LogEntryCollection.LogEntryCollection", "Log Entries", []);
        var members = body["Members"]!.AsArray();
        foreach (var entry in entries)
        {
            members.Add((JsonNode)Entry(path, entry, format));
        }

        body["Members@odata.count"] = entries.Count;
        return body;
    }

    public static JsonObject Entry(string path, LogEntry entry, string format)
    {
        var body = Resource(path + "/Entries/" + entry.Id, "#LogEntry.v1_0_0.LogEntry", entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Log Entry", "LogEntry.LogEntry");
        body["Created"] = Iso(entry.Created);
        body["EntryType"] = "Oem";
        body["Message"] = entry.Message;
        body["OemRecordFormat"] = format;
        body["Severity"] = entry.Severity;
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["Categories"] = new JsonArray(Category(entry)),
                ["Class"] = format == IelFormat ? IelClass : ImlClass,
                ["Code"] = Code(entry.Message),
                ["Count"] = 1,
                ["EventNumber"] = entry.Id,
                ["LastUpdate"] = Iso(entry.Created),
            },
        };
        return body;
    }

    /// <summary>The <c>OemRecordFormat</c> of the iLO Event Log's entries.</summary>
    public const string IelFormat = "Hpe-iLOEventLog";

    /// <summary>The <c>OemRecordFormat</c> of the Integrated Management Log's entries.</summary>
    public const string ImlFormat = "Hpe-IML";

    // (our choice) iLO numbers an event's kind by Class and Code; the real tables are not published, so
    // the class is fixed per log and the code is a stable number from the message text: the same kind
    // of event always gets the same (Class, Code), as on iLO.
    private const int IelClass = 35;
    private const int ImlClass = 1;

    private static int Code(string message)
    {
        var hash = 17;
        foreach (var c in message.TakeWhile(c => !char.IsDigit(c)))
        {
            hash = unchecked((hash * 31) + c);
        }

        return (hash & 0x7FFF) + 1;
    }

    private static string Category(LogEntry entry) =>
        entry.Message.Contains("login", StringComparison.OrdinalIgnoreCase) || entry.Message.Contains("session", StringComparison.OrdinalIgnoreCase)
            ? "Security"
            : entry.Severity == "OK" ? "Administration" : "Hardware";

    public static LogEntry Find(RedfishRequest request, IReadOnlyList<LogEntry> entries, string path) =>
        int.TryParse(request.RouteValue("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && entries.FirstOrDefault(e => e.Id == id) is { } entry
            ? entry
            : throw new RedfishException(BaseMessages.ResourceMissingAtURI, path + "/Entries/" + request.RouteValue("id"));
}
