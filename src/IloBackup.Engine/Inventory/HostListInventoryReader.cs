namespace IloBackup.Engine.Inventory;

/// <summary>A plain list: one <c>host[:port]</c> or URL per line; blank lines and <c>#</c> comments are skipped.</summary>
internal static class HostListInventoryReader
{
    public static FleetInventory Read(string text, string source)
    {
        var hosts = new List<InventoryHost>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? rawLine[..hash] : rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Any(char.IsWhiteSpace))
            {
                throw new InventoryFormatException(source, lineNumber, $"expected one host per line, got '{line}'");
            }

            hosts.Add(new HostEntry { Host = line, Line = lineNumber }.ToHost(source, null, null));
        }

        return new FleetInventory(source, InventoryFormat.HostList, null, hosts);
    }
}
