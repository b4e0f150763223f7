using System.Globalization;
using System.Text.Json.Nodes;

namespace IloBackup.Engine.Snapshots;

/// <summary>
/// A generic structural diff of two JSON documents (readable snapshots): every leaf or subtree
/// added, removed or changed, by JSON path, in a stable order.
/// </summary>
public static class SnapshotDiff
{
    public static IReadOnlyList<SnapshotDifference> Compare(JsonNode? before, JsonNode? after)
    {
        var result = new List<SnapshotDifference>();
        Walk("$", before, after, result);
        return result;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<SnapshotDifference> result)
    {
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var inA = a.TryGetPropertyValue(key, out var va);
                    var inB = b.TryGetPropertyValue(key, out var vb);
                    var child = path + Segment(key);
                    if (inA && !inB)
                    {
                        result.Add(new SnapshotDifference(child, SnapshotChange.Removed, Text(va), null));
                    }
                    else if (!inA && inB)
                    {
                        result.Add(new SnapshotDifference(child, SnapshotChange.Added, null, Text(vb)));
                    }
                    else
                    {
                        Walk(child, va, vb, result);
                    }
                }

                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    var child = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                    if (i >= b.Count)
                    {
                        result.Add(new SnapshotDifference(child, SnapshotChange.Removed, Text(a[i]), null));
                    }
                    else if (i >= a.Count)
                    {
                        result.Add(new SnapshotDifference(child, SnapshotChange.Added, null, Text(b[i])));
                    }
                    else
                    {
                        Walk(child, a[i], b[i], result);
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    result.Add(new SnapshotDifference(path, SnapshotChange.Changed, Text(before), Text(after)));
                }

                break;
        }
    }

    private static string Segment(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? "." + key
            : "['" + key.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
