using System.Text;

namespace IloBackup.Engine.Inventory;

/// <summary>
/// CSV inventories: a header row with the YAML key names (<c>host</c> required; <c>serial</c>,
/// <c>user</c>, <c>password-env</c>, <c>password-file</c>, <c>fingerprint</c>, <c>tags</c> optional),
/// then one host per row. Fields may be double-quoted; blank lines and <c>#</c> lines are skipped.
/// </summary>
internal static class CsvInventoryReader
{
    private static readonly string[] Columns = ["host", "serial", "user", "password-env", "password-file", "fingerprint", "tags"];

    public static FleetInventory Read(string text, string source, string? baseDirectory)
    {
        string[]? header = null;
        var hosts = new List<InventoryHost>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = SplitLine(line, source, lineNumber);
            if (header is null)
            {
                header = [.. fields.Select(f => f.Trim().ToLowerInvariant())];
                foreach (var name in header.Where(n => !Columns.Contains(n, StringComparer.Ordinal)))
                {
                    throw new InventoryFormatException(
                        source, lineNumber, $"unknown column '{name}' (expected: {string.Join(", ", Columns)})");
                }

                if (!header.Contains("host", StringComparer.Ordinal))
                {
                    throw new InventoryFormatException(source, lineNumber, "the header row has no 'host' column");
                }

                continue;
            }

            if (fields.Count > header.Length)
            {
                throw new InventoryFormatException(
                    source, lineNumber, $"{fields.Count} fields but the header has {header.Length} columns");
            }

            var entry = new HostEntry { Line = lineNumber };
            for (var i = 0; i < fields.Count; i++)
            {
                var value = fields[i].Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                switch (header[i])
                {
                    case "host": entry.Host = value; break;
                    case "serial": entry.Serial = value; break;
                    case "user": entry.User = value; break;
                    case "password-env": entry.PasswordEnv = value; break;
                    case "password-file": entry.PasswordFile = value; break;
                    case "fingerprint": entry.Fingerprint = value; break;
                    default: entry.Tags.AddRange(InventoryTags.Split(value)); break;
                }
            }

            hosts.Add(entry.ToHost(source, null, baseDirectory));
        }

        if (header is null)
        {
            throw new InventoryFormatException(source, 0, "empty CSV inventory (no header row)");
        }

        return new FleetInventory(source, InventoryFormat.Csv, null, hosts);
    }

    private static List<string> SplitLine(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                current.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw new InventoryFormatException(source, lineNumber, "unterminated quoted field");
        }

        fields.Add(current.ToString());
        return fields;
    }
}
