using System.Text.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Schemas;

/// <summary>
/// Schemas for the types served without a detailed definition, inferred from a live instance:
/// each property with its JSON type, writable when the resource takes PATCH (the emulator itself
/// then refuses read-only ones with <c>PropertyNotWritable</c>). Without properties in a schema,
/// iLOrest refuses every <c>set</c> ("Unable to locate registry model"); with them it stages the
/// change and lets the service judge.
/// </summary>
internal static class SchemaInference
{
    private const int MaxDepth = 4;

    public static JsonObject FromInstance(string odataType, JsonObject instance, bool writable)
    {
        var schema = SchemaDefinition.Minimal(odataType);
        schema["properties"] = Properties(instance, writable, depth: 0);
        return schema;
    }

    private static JsonObject Properties(JsonObject instance, bool writable, int depth)
    {
        var properties = new JsonObject();
        foreach (var (name, value) in instance)
        {
            var readOnly = !writable || name.StartsWith('@') || name is "Id" or "Name" or "Description" or "Links" or "Actions" or "Members";
            properties[name] = Describe(value, readOnly, depth);
        }

        return properties;
    }

    private static JsonObject Describe(JsonNode? value, bool readOnly, int depth)
    {
        var node = new JsonObject { ["readonly"] = readOnly };
        switch (value?.GetValueKind())
        {
            case JsonValueKind.Object when depth < MaxDepth:
                node["type"] = "object";
                node["properties"] = Properties(value.AsObject(), !readOnly, depth + 1);
                node["additionalProperties"] = true;
                break;
            case JsonValueKind.Object:
                node["type"] = "object";
                break;
            case JsonValueKind.Array:
                node["type"] = "array";
                var first = value.AsArray().FirstOrDefault(item => item is not null);
                node["items"] = first is null ? new JsonObject() : Describe(first, readOnly, depth + 1);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                node["type"] = "boolean";
                break;
            case JsonValueKind.Number:
                node["type"] = long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _) ? "integer" : "number";
                break;
            case JsonValueKind.String:
                node["type"] = "string";
                break;
            default:
                node["type"] = new JsonArray("string", "null");
                break;
        }

        return node;
    }
}
