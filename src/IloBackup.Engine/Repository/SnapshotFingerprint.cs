using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Repository;

/// <summary>
/// A hash of a readable snapshot that ignores formatting and property order, so two snapshots of an
/// unchanged configuration compare equal whoever wrote them.
/// </summary>
public static class SnapshotFingerprint
{
    public static string? Compute(string? snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return null;
        }

        string canonical;
        try
        {
            var node = SnapshotText.Parse(snapshot);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(node, writer);
            }

            canonical = Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            canonical = snapshot.Trim();
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static void Write(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
