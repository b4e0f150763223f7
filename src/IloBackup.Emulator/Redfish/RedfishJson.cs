using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish;

/// <summary>JSON output: one compact line, ETags, <c>$select</c> and the trailing-slash style of links.</summary>
internal static class RedfishJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Adds <c>@odata.etag</c> (a weak hash of the resource without it) and returns it.</summary>
    public static string AddETag(JsonObject resource)
    {
        if (resource["@odata.etag"] is JsonValue existing && existing.TryGetValue<string>(out var known))
        {
            return known;
        }

        var hash = SHA256.HashData(SerializeStable(resource));
        var etag = "W/\"" + Convert.ToHexString(hash, 0, 4) + "\"";
        var ordered = new List<KeyValuePair<string, JsonNode?>>(resource.Count + 1);
        foreach (var property in resource)
        {
            ordered.Add(new(property.Key, property.Value));
        }

        resource.Clear();
        var placed = false;
        foreach (var (key, value) in ordered)
        {
            if (!placed && !key.StartsWith("@odata.", StringComparison.Ordinal))
            {
                resource["@odata.etag"] = etag;
                placed = true;
            }

            resource[key] = value;
        }

        if (!placed)
        {
            resource["@odata.etag"] = etag;
        }

        return etag;
    }

    /// <summary>
    /// The bytes an ETag is computed from: the resource without the values that change by
    /// themselves (clocks, access times, growing counters), so that a client's
    /// <c>If-Match</c> still matches a second later when nothing was changed.
    /// </summary>
    private static byte[] SerializeStable(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteStable(writer, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteStable(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    if (!VolatileProperties.Contains(key))
                    {
                        writer.WritePropertyName(key);
                        WriteStable(writer, value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteStable(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static readonly HashSet<string> VolatileProperties = new(StringComparer.Ordinal)
    {
        "@odata.etag", "DateTime", "Time", "AccessTime", "RecordedSizeBytes",
    };

    /// <summary>Keeps only the selected properties (paths like <c>Oem/Hpe/X</c>) and the <c>@odata</c> ones.</summary>
    public static JsonObject Select(JsonObject resource, IReadOnlyList<string> paths)
    {
        var result = new JsonObject();
        foreach (var (key, value) in resource.ToList())
        {
            if (key.StartsWith("@odata.", StringComparison.Ordinal))
            {
                resource.Remove(key);
                result[key] = value;
            }
        }

        foreach (var path in paths)
        {
            Copy(resource, result, path.Split('/'), 0);
        }

        return result;
    }

    /// <summary>Renders every <c>@odata.id</c> and action <c>target</c> with a trailing slash (§1).</summary>
    public static void AddTrailingSlashes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key is "@odata.id" or "target" && value is JsonValue v && v.TryGetValue<string>(out var link)
                        && link.StartsWith('/') && !link.EndsWith('/') && !link.Contains('#', StringComparison.Ordinal))
                    {
                        obj[key] = link + "/";
                    }
                    else
                    {
                        AddTrailingSlashes(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AddTrailingSlashes(item);
                }

                break;
        }
    }

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = Serialize(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string[] path, int depth)
    {
        var name = path[depth];
        var match = from.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        if (match.Key is null)
        {
            return;
        }

        if (depth == path.Length - 1)
        {
            from.Remove(match.Key);
            to[match.Key] = match.Value;
            return;
        }

        if (match.Value is JsonObject child)
        {
            if (to[match.Key] is not JsonObject target)
            {
                target = [];
                to[match.Key] = target;
            }

            Copy(child, target, path, depth + 1);
        }
    }
}
