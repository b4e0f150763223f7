namespace IloBackup.Engine.Inventory;

/// <summary>
/// Reads an inventory in any of the three formats of docs/development.md. The format comes from the
/// extension (<c>.yaml</c>/<c>.yml</c>, <c>.csv</c>) or, failing that, from the content.
/// </summary>
public static class InventoryLoader
{
    public static async Task<FleetInventory> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InventoryFormatException($"cannot read inventory {path}: {ex.Message}", ex);
        }

        var format = FormatFromExtension(path) ?? Detect(text);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return Parse(text, path, format, directory);
    }

    /// <summary>Parses inventory text; relative <c>password-file</c> paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static FleetInventory Parse(string text, string source, InventoryFormat format, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inventory = format switch
        {
            InventoryFormat.Yaml => YamlInventoryReader.Read(text, source, baseDirectory),
            InventoryFormat.Csv => CsvInventoryReader.Read(text, source, baseDirectory),
            _ => HostListInventoryReader.Read(text, source),
        };
        CheckDuplicates(inventory);
        return inventory;
    }

    /// <summary>Guesses the format of a file without a telling extension.</summary>
    public static InventoryFormat Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == "---")
            {
                continue;
            }

            if (line.StartsWith("hosts:", StringComparison.Ordinal) || line.StartsWith("control:", StringComparison.Ordinal)
                || line.StartsWith("defaults:", StringComparison.Ordinal))
            {
                return InventoryFormat.Yaml;
            }

            return line.Contains(',', StringComparison.Ordinal) ? InventoryFormat.Csv : InventoryFormat.HostList;
        }

        return InventoryFormat.HostList;
    }

    private static InventoryFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".yaml" or ".yml" => InventoryFormat.Yaml,
            ".csv" => InventoryFormat.Csv,
            _ => null,
        };

    private static void CheckDuplicates(FleetInventory inventory)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in inventory.Hosts)
        {
            var key = host.BaseUri.ToString();
            if (!seen.TryAdd(key, host.Line))
            {
                throw new InventoryFormatException(
                    inventory.Source, host.Line, $"host {host.Address} is listed twice (first at line {seen[key]})");
            }
        }
    }
}
