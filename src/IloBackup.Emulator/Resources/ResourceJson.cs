using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Resources;

/// <summary>Small builders for the shapes every resource shares.</summary>
internal static class ResourceJson
{
    /// <summary><c>{"@odata.id": path}</c>.</summary>
    public static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>A resource's standard head: context, id, type, Id, Name.</summary>
    public static JsonObject Resource(string path, string type, string id, string name, string context)
    {
        return new JsonObject
        {
            ["@odata.context"] = "/redfish/v1/$metadata#" + context,
            ["@odata.id"] = path,
            ["@odata.type"] = type,
            ["Id"] = id,
            ["Name"] = name,
        };
    }

    /// <summary>A collection with its members' links.</summary>
    public static JsonObject Collection(string path, string type, string name, IEnumerable<string> members)
    {
        var links = members.Select(m => (JsonNode?)Link(m)).ToArray();
        var collectionName = type.TrimStart('#').Split('.')[0];
        return new JsonObject
        {
            ["@odata.context"] = "/redfish/v1/$metadata#" + collectionName + "." + collectionName,
            ["@odata.id"] = path,
            ["@odata.type"] = type,
            ["Description"] = name + " view",
            ["Name"] = name,
            ["Members"] = new JsonArray(links),
            ["Members@odata.count"] = links.Length,
        };
    }

    /// <summary>An action as iLO shows it: <c>{"target": ...}</c>, plus allowable values if any.</summary>
    public static JsonObject Action(string target, string? parameter = null, params string[] allowable)
    {
        var action = new JsonObject { ["target"] = target };
        if (parameter is not null)
        {
            action[parameter + "@Redfish.AllowableValues"] = Strings(allowable);
        }

        return action;
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
