using YamlDotNet.RepresentationModel;

namespace IloBackup.Cli.Configuration;

/// <summary>
/// The <c>serve:</c> section of the config file: nested mappings (<c>tls:</c>, <c>notify:</c>, <c>webhook:</c>, <c>mail:</c>)
/// whose leaves are the <see cref="ServeSettingKeys"/>, kept under their path (<c>serve.notify.webhook.url</c>). As at the top:
/// an unknown key is an error naming the file and line and the keys expected there; a key that can only hold a secret
/// (<c>secret</c>, <c>password</c>, <c>token</c>, ...) is refused without repeating its value, naming what to write instead.
/// A YAML list (<c>to:</c>, <c>events:</c>) is read as comma-separated text.
/// </summary>
internal static class ServeSectionReader
{
    public static void Read(YamlMappingNode section, string path, string folder, Func<string, string?> env, Dictionary<string, ConfigFileEntry> entries) =>
        Walk(section, SettingKeys.Serve, path, folder, env, entries);

    private static void Walk(YamlMappingNode mapping, string prefix, string path, string folder, Func<string, string?> env, Dictionary<string, ConfigFileEntry> entries)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var line = (int)keyNode.Start.Line;
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var full = prefix + "." + name;
            var key = ServeSettingKeys.All.FirstOrDefault(k => k.Name == full);
            var isSection = ServeSettingKeys.All.Any(k => k.Name.StartsWith(full + ".", StringComparison.Ordinal));
            if (isSection && valueNode is YamlMappingNode inner)
            {
                Walk(inner, full, path, folder, env, entries);
                continue;
            }

            if (isSection && key is null && valueNode is YamlScalarNode { Value: null or "" })
            {
                continue; // "webhook:" with nothing under it
            }

            if (key is null && isSection)
            {
                throw ConfigFileReader.Error(path, line, $"'{full}' must be a mapping of {string.Join(", ", Expected(full))}");
            }

            if (key is null && ServeSettingKeys.IsSecretName(name))
            {
                throw ConfigFileReader.Error(path, line,
                    $"'{full}' is refused: a config file never holds a secret; {ServeSettingKeys.InsteadOfSecret(prefix, name)}");
            }

            if (key is null)
            {
                throw ConfigFileReader.Error(path, line, $"unknown key '{full}' (expected one of: {string.Join(", ", Expected(prefix))})");
            }

            var value = Value(valueNode, key) ?? throw ConfigFileReader.Error(path, line,
                key.Kind is SettingKind.List or SettingKind.Events ? $"'{full}' must be a value or a list of values" : $"'{full}' must be a single value");
            if (SettingValue.Check(key, value) is { } problem)
            {
                throw ConfigFileReader.Error(path, (int)valueNode.Start.Line, $"{full}: {problem}");
            }

            entries[full] = new ConfigFileEntry(SettingValue.Resolve(key, value, folder, env), line);
        }
    }

    private static string? Value(YamlNode node, SettingKey key) => node switch
    {
        YamlScalarNode { Value: { Length: > 0 } text } => text,
        YamlSequenceNode list when key.Kind is SettingKind.List or SettingKind.Events
            && list.Children.All(c => c is YamlScalarNode { Value: { Length: > 0 } item } && !item.Contains(',', StringComparison.Ordinal)) =>
            string.Join(",", list.Children.Cast<YamlScalarNode>().Select(c => c.Value)),
        _ => null,
    };

    /// <summary>The names that may stand directly under <paramref name="section"/>.</summary>
    private static IEnumerable<string> Expected(string section) =>
        ServeSettingKeys.All.Where(k => k.Name.StartsWith(section + ".", StringComparison.Ordinal))
            .Select(k => k.Name[(section.Length + 1)..].Split('.')[0]).Distinct(StringComparer.Ordinal);
}
