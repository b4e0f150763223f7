using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Engine.Drift;

/// <summary>
/// Reads a baseline file through YamlDotNet's representation model (line numbers, no reflection, as the inventory and the
/// config file are read). Unknown keys are errors naming the line: a typo such as <c>ntp-server</c> must not silently pin nothing.
/// </summary>
internal static class DriftBaselineReader
{
    private const string SameAs = "same-as";
    private static readonly string[] TopKeys = ["default", "tags"];

    public static DriftBaselineFile Read(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new DriftBaselineException(source, (int)ex.Start.Line, $"not valid YAML: {FirstLine(ex.Message)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new DriftBaselineException(source, 0, $"not valid YAML: {FirstLine(ex.Message)}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DriftBaselineException(source, 1, "expected a mapping with 'default' and/or 'tags' (docs/drift.md)");
        }

        DriftBaseline? defaults = null;
        var tags = new List<DriftBaseline>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Name(keyNode);
            switch (key)
            {
                case "default":
                    defaults = Baseline(value, "default", null, LineOf(keyNode), source);
                    break;
                case "tags":
                    if (value is not YamlMappingNode map)
                    {
                        throw new DriftBaselineException(source, LineOf(value), "'tags' must be a mapping of tag names to baselines");
                    }

                    foreach (var (tagNode, baseline) in map.Children)
                    {
                        var tag = Name(tagNode);
                        if (tag.Length == 0)
                        {
                            throw new DriftBaselineException(source, LineOf(tagNode), "a tag name is empty");
                        }

                        tags.Add(Baseline(baseline, $"tag {tag}", tag, LineOf(tagNode), source));
                    }

                    break;
                default:
                    throw new DriftBaselineException(source, LineOf(keyNode), $"unknown key '{key}' (expected one of: {string.Join(", ", TopKeys)})");
            }
        }

        if (defaults is null && tags.Count == 0)
        {
            throw new DriftBaselineException(source, 1, "no baseline: write a 'default' baseline or one under 'tags'");
        }

        return new DriftBaselineFile { Source = source, Default = defaults, Tags = tags };
    }

    private static DriftBaseline Baseline(YamlNode node, string name, string? tag, int line, string source)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            throw new DriftBaselineException(source, line, $"baseline '{name}' must be a mapping of expected values, or 'same-as: BACKUP-ID'");
        }

        long? sameAs = null;
        var sameAsLine = line;
        var expected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Name(keyNode);
            if (key == SameAs)
            {
                sameAs = value is YamlScalarNode { Value: { } id } && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new DriftBaselineException(source, LineOf(value), "'same-as' must be a backup id (a positive number, as 'ilobackup history' lists)");
                sameAsLine = LineOf(keyNode);
                continue;
            }

            if (DriftSettingTable.All.Any(s => s.Name.StartsWith(key + ".", StringComparison.Ordinal)))
            {
                if (value is not YamlMappingNode group)
                {
                    throw new DriftBaselineException(source, LineOf(value), $"'{key}' must be a mapping ({string.Join(", ", Group(key))})");
                }

                foreach (var (childKey, childValue) in group.Children)
                {
                    var setting = DriftSettingTable.Find(key + "." + Name(childKey))
                        ?? throw new DriftBaselineException(source, LineOf(childKey), $"unknown key '{Name(childKey)}' under '{key}' (expected one of: {string.Join(", ", Group(key))})");
                    expected[setting.Name] = Value(setting, childValue, source);
                }

                continue;
            }

            var known = DriftSettingTable.Find(key) is { } s && !s.Name.Contains('.', StringComparison.Ordinal) ? s
                : throw new DriftBaselineException(source, LineOf(keyNode), $"unknown key '{key}' in baseline '{name}' (expected one of: {string.Join(", ", TopLevelNames())})");
            expected[known.Name] = Value(known, value, source);
        }

        return new DriftBaseline { Name = name, Tag = tag, SameAs = sameAs, Expected = expected, Line = line, SameAsLine = sameAsLine };
    }

    private static string[] Value(DriftSetting setting, YamlNode node, string source)
    {
        if (setting.IsList)
        {
            return node is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode { Value.Length: > 0 })
                ? [.. list.Children.Select(c => ((YamlScalarNode)c).Value!.Trim())]
                : throw new DriftBaselineException(source, LineOf(node), $"'{setting.Name}' must be a list ([a, b], or [] for none)");
        }

        var text = node is YamlScalarNode { Value: { } v } ? v.Trim() : string.Empty;
        if (setting.Comparison == DriftComparison.Flag)
        {
            return text is "true" or "false" ? [text] : throw new DriftBaselineException(source, LineOf(node), $"'{setting.Name}' must be true or false");
        }

        return text.Length > 0 ? [text] : throw new DriftBaselineException(source, LineOf(node), $"'{setting.Name}' must be a single value");
    }

    private static IEnumerable<string> Group(string prefix) =>
        DriftSettingTable.All.Where(s => s.Name.StartsWith(prefix + ".", StringComparison.Ordinal)).Select(s => s.Name[(prefix.Length + 1)..]);

    private static IEnumerable<string> TopLevelNames() =>
        DriftSettingTable.All.Select(s => s.Name.Split('.')[0]).Distinct(StringComparer.Ordinal).Prepend(SameAs);

    private static string Name(YamlNode node) => (node as YamlScalarNode)?.Value ?? string.Empty;

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
