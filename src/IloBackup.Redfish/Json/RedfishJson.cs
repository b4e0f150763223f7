using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Json;

/// <summary>Small, tolerant readers for Redfish JSON: iLO firmware versions differ in what they include.</summary>
public static class RedfishJson
{
    /// <summary>The node at a property path (<c>"Oem", "Hpe", "Links"</c>), or null when any step is missing.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = node;
        foreach (var name in path)
        {
            if (current is not JsonObject obj || !TryGetIgnoreCase(obj, name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The string at a property path, or null.</summary>
    public static string? String(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The boolean at a property path, or null.</summary>
    public static bool? Boolean(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>The number at a property path, or null.</summary>
    public static long? Int64(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<long>(out var n) ? n : null;

    /// <summary>The <c>@odata.id</c> of the link at a property path (or of the node itself with no path).</summary>
    public static string? Link(JsonNode? node, params string[] path) => String(At(node, path), "@odata.id");

    /// <summary>The <c>@odata.id</c> of each member of a collection.</summary>
    public static IReadOnlyList<string> Members(JsonNode? collection) =>
        At(collection, "Members") is JsonArray members
            ? members.Select(m => Link(m)).OfType<string>().ToList()
            : [];

    /// <summary>A member given whole (by <c>$expand</c>), not only as a link: it has properties besides <c>@odata.*</c>.</summary>
    public static bool IsInline(JsonNode? member) => member is JsonObject obj && obj.Any(p => !p.Key.StartsWith('@'));

    /// <summary><paramref name="path"/> with a query option added (<c>$expand=.</c>).</summary>
    public static string WithQuery(string path, string query)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    /// <summary>The <c>@Message.ExtendedInfo</c> of an error body (under <c>error</c>) or of a success body.</summary>
    public static IReadOnlyList<RedfishMessage> ExtendedInfo(JsonNode? body)
    {
        var info = At(body, "error", "@Message.ExtendedInfo") ?? At(body, "@Message.ExtendedInfo");
        if (info is not JsonArray array)
        {
            return [];
        }

        return array
            .Select(e => String(e, "MessageId") is { } id
                ? new RedfishMessage(
                    UntrustedText.Clean(id)!, UntrustedText.Clean(String(e, "Message")), UntrustedText.Clean(String(e, "Severity")),
                    UntrustedText.Clean(String(e, "Resolution")))
                : null)
            .OfType<RedfishMessage>()
            .ToList();
    }

    private static bool TryGetIgnoreCase(JsonObject obj, string name, out JsonNode? value)
    {
        if (obj.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        foreach (var (key, node) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }

        value = null;
        return false;
    }
}
