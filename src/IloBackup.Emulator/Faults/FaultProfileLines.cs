using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Faults;

/// <summary>Where each value and key of a profile stood in its file (YAML), so errors can name the line.</summary>
internal sealed class FaultProfileLines
{
    private readonly Dictionary<JsonNode, int> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(JsonObject, string), int> _keys = new(new KeyComparer());

    public void Node(JsonNode node, int line) => _nodes[node] = line;

    public void Key(JsonObject owner, string key, int line) => _keys[(owner, key)] = line;

    /// <summary><c>"line N: "</c> for a node (JSON: its path, <c>"$.faults[1]: "</c>).</summary>
    public string Where(JsonNode node) => _nodes.TryGetValue(node, out var line) ? $"line {line}: " : Path(node);

    /// <summary>The same for a key of an object.</summary>
    public string Where(JsonObject owner, string key) =>
        _keys.TryGetValue((owner, key), out var line) ? $"line {line}: " : (owner.Parent is null ? "$" : owner.GetPath()) + "." + key + ": ";

    private static string Path(JsonNode node) => node.Parent is null ? string.Empty : node.GetPath() + ": ";

    private sealed class KeyComparer : IEqualityComparer<(JsonObject Owner, string Key)>
    {
        public bool Equals((JsonObject Owner, string Key) x, (JsonObject Owner, string Key) y) =>
            ReferenceEquals(x.Owner, y.Owner) && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

        public int GetHashCode((JsonObject Owner, string Key) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Owner), obj.Key);
    }
}
