using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Cli.Configuration;

/// <summary>
/// Reads <c>config.yaml</c> through YamlDotNet's representation model (line numbers, no reflection).
/// Unknown keys are errors naming the file and line, as in inventories; a secret (<c>password:</c>) is
/// refused: the file holds only references (<c>password-file</c>, <c>password-env</c>). The <c>serve:</c> section is read
/// by <see cref="ServeSectionReader"/> under the same rules.
/// </summary>
internal static class ConfigFileReader
{
    public static ConfigFile Read(string path, Func<string, string?> env)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"config file {path}: {ex.Message}");
        }

        return Parse(text, path, env);
    }

    public static ConfigFile Parse(string text, string path, Func<string, string?> env)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw Error(path, (int)ex.Start.Line, $"not valid YAML: {ex.Message.Split('\n')[0]}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw Error(path, 0, $"not valid YAML: {ex.Message.Split('\n')[0]}");
        }

        var entries = new Dictionary<string, ConfigFileEntry>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new ConfigFile(path, entries, null, null);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(path, (int)stream.Documents[0].RootNode.Start.Line, "expected a mapping of keys (repo: REPO, user: NAME, ...)");
        }

        int? serveKeys = null, serveLine = null;
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line;
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (name == SettingKeys.Serve)
            {
                serveKeys = valueNode switch
                {
                    YamlMappingNode map => map.Children.Count,
                    YamlScalarNode { Value: null or "" } => 0,
                    _ => throw Error(path, line, "'serve' must be a mapping (its keys are read by the serve verb: docs/serve.md)"),
                };
                if (valueNode is YamlMappingNode section)
                {
                    ServeSectionReader.Read(section, path, folder, env, entries);
                }

                serveLine = line;
                continue;
            }

            if (SettingKeys.Secrets.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(path, line,
                    $"'{name}' is refused: a config file never holds a secret; name a file with 'password-file: FILE' or a variable with 'password-env: NAME'");
            }

            var key = SettingKeys.TopLevel.FirstOrDefault(k => k.Name == name)
                ?? throw Error(path, line, $"unknown key '{name}' (expected one of: {string.Join(", ", SettingKeys.TopLevel.Select(k => k.Name))}, serve)");
            if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                throw Error(path, line, $"'{name}' must be a single value");
            }

            var problem = SettingValue.Check(key, value);
            if (problem is not null)
            {
                throw Error(path, (int)valueNode.Start.Line, $"{name}: {problem}");
            }

            entries[name] = new ConfigFileEntry(SettingValue.Resolve(key, value, folder, env), line);
        }

        return new ConfigFile(path, entries, serveKeys, serveLine);
    }

    internal static CliUsageException Error(string path, int line, string problem) =>
        new(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}");
}
