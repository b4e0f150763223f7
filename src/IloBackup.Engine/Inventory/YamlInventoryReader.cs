using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Engine.Inventory;

/// <summary>
/// Reads the YAML inventory of docs/development.md through YamlDotNet's representation model, which
/// keeps line numbers (and needs no reflection). Unknown keys are errors: a typo such as
/// <c>pasword-env</c> must not silently drop a credential.
/// </summary>
internal static class YamlInventoryReader
{
    private static readonly string[] TopKeys = ["control", "defaults", "hosts"];
    private static readonly string[] HostKeys = ["host", "serial", "user", "password-env", "password-file", "fingerprint", "tags"];
    private static readonly string[] DefaultKeys = ["user", "password-env", "password-file", "fingerprint", "tags"];

    public static FleetInventory Read(string text, string source, string? baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InventoryFormatException(source, (int)ex.Start.Line, $"not valid YAML: {FirstLine(ex.Message)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these (not a YamlException) on some malformed input (found by fuzzing, issue 6).
            throw new InventoryFormatException(source, 0, $"not valid YAML: {FirstLine(ex.Message)}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InventoryFormatException(source, 1, "expected a mapping with a 'hosts' list");
        }

        CheckKeys(root, TopKeys, source);
        Uri? control = null;
        if (Find(root, "control") is { } controlNode)
        {
            var value = Scalar(controlNode, "control", source);
            if (!Uri.TryCreate(value, UriKind.Absolute, out control))
            {
                throw new InventoryFormatException(source, LineOf(controlNode), $"control '{value}' is not a URL");
            }
        }

        HostEntry? defaults = null;
        if (Find(root, "defaults") is { } defaultsNode)
        {
            if (defaultsNode is not YamlMappingNode map)
            {
                throw new InventoryFormatException(source, LineOf(defaultsNode), "'defaults' must be a mapping");
            }

            CheckKeys(map, DefaultKeys, source);
            defaults = Entry(map, source);
        }

        if (Find(root, "hosts") is not YamlSequenceNode hosts)
        {
            throw new InventoryFormatException(source, LineOf(root), "'hosts' must be a list of hosts");
        }

        var result = new List<InventoryHost>();
        foreach (var node in hosts.Children)
        {
            HostEntry entry;
            if (node is YamlScalarNode scalar)
            {
                entry = new HostEntry { Host = scalar.Value, Line = LineOf(node) };
            }
            else if (node is YamlMappingNode map)
            {
                CheckKeys(map, HostKeys, source);
                entry = Entry(map, source);
            }
            else
            {
                throw new InventoryFormatException(source, LineOf(node), "a host must be a mapping or a host name");
            }

            result.Add(entry.ToHost(source, defaults, baseDirectory));
        }

        return new FleetInventory(source, InventoryFormat.Yaml, control, result);
    }

    private static HostEntry Entry(YamlMappingNode map, string source)
    {
        var entry = new HostEntry
        {
            Line = LineOf(map),
            Host = Optional(map, "host", source),
            Serial = Optional(map, "serial", source),
            User = Optional(map, "user", source),
            PasswordEnv = Optional(map, "password-env", source),
            PasswordFile = Optional(map, "password-file", source),
            Fingerprint = Optional(map, "fingerprint", source),
        };
        if (Find(map, "tags") is { } tags)
        {
            if (tags is YamlSequenceNode list)
            {
                entry.Tags.AddRange(list.Children.Select(t => Scalar(t, "tags", source)));
            }
            else
            {
                entry.Tags.AddRange(InventoryTags.Split(Scalar(tags, "tags", source)));
            }
        }

        return entry;
    }

    private static void CheckKeys(YamlMappingNode map, string[] allowed, string source)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new InventoryFormatException(
                    source, LineOf(key), $"unknown key '{name}' (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    private static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Optional(YamlMappingNode map, string key, string source) =>
        Find(map, key) is { } node ? Scalar(node, key, source) : null;

    private static string Scalar(YamlNode node, string key, string source) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw new InventoryFormatException(source, LineOf(node), $"'{key}' must be a single value");

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
