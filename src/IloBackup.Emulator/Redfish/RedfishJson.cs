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

    /// <summary>The challenge of every 401: HTTP Basic, which every authenticated route accepts.</summary>
    public const string WwwAuthenticate = "Basic realm=\"iLO\"";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // One buffer and writer per thread, reused by every answer (serialization is synchronous, so
    // no other use can interleave): no buffer growth and no writer allocation per request.
    private const int MaxKeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static Utf8JsonWriter RentWriter(out ArrayBufferWriter<byte> buffer)
    {
        if (t_buffer is null || t_buffer.Capacity > MaxKeptBufferBytes)
        {
            // A rare large answer (schemas, logs) does not stay pinned to the thread.
            t_buffer = new ArrayBufferWriter<byte>(16 * 1024);
            t_writer = null;
        }

        buffer = t_buffer;
        buffer.ResetWrittenCount();
        if (t_writer is null)
        {
            t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            t_writer.Reset(buffer);
        }

        return t_writer;
    }

    public static byte[] Serialize(JsonNode node)
    {
        var writer = RentWriter(out var buffer);
        node.WriteTo(writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Adds <c>@odata.etag</c> (a weak hash of the resource without it) and returns it.</summary>
    public static string AddETag(JsonObject resource)
    {
        if (resource["@odata.etag"] is JsonValue existing && existing.TryGetValue<string>(out var known))
        {
            return known;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(SerializeStable(resource), hash);
        var etag = "W/\"" + Convert.ToHexString(hash[..4]) + "\"";
        // Placed after the other @odata members, before the first property.
        resource.Remove("@odata.etag");
        var index = 0;
        foreach (var (key, _) in resource)
        {
            if (!key.StartsWith("@odata.", StringComparison.Ordinal))
            {
                break;
            }

            index++;
        }

        resource.Insert(index, "@odata.etag", etag);
        return etag;
    }

    /// <summary>
    /// The bytes an ETag is computed from: the resource without the values that change by
    /// themselves (clocks, access times, growing counters), so that a client's
    /// <c>If-Match</c> still matches a second later when nothing was changed.
    /// </summary>
    /// <remarks>The span is the thread's buffer: valid until the next serialization on this thread.</remarks>
    private static ReadOnlySpan<byte> SerializeStable(JsonNode node)
    {
        var writer = RentWriter(out var buffer);
        WriteStable(writer, node);
        writer.Flush();
        return buffer.WrittenSpan;
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
        // A fresh download name at every GET of the backup service: not a change of the service.
        "BackupFileLocation",
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

    public static Task WriteAsync(HttpContext context, int status, JsonNode body) => WriteBytesAsync(context, status, Serialize(body));

    /// <summary>Writes an already serialized JSON body (none for HEAD).</summary>
    public static async Task WriteBytesAsync(HttpContext context, int status, byte[] bytes)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        if (status == StatusCodes.Status401Unauthorized && !context.Response.Headers.ContainsKey("WWW-Authenticate"))
        {
            // RFC 9110 §11.6.1 and DSP0266 require it on a 401 (docs/emulator.md, "Request headers").
            context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
        }

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
