using System.Text.Json.Nodes;
using IloBackup.Cli.Output;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Cli.Diff;

/// <summary>Snapshot differences as text or JSON (the diff verb's output, also the restore's verification).</summary>
internal static class DiffReport
{
    public static async Task WriteAsync(CliConsole console, IReadOnlyList<SnapshotDifference> differences, bool json)
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (json)
        {
            await CliOutput.WriteJsonAsync(console, new JsonArray(differences.Select(d => (JsonNode)new JsonObject
            {
                ["path"] = d.Path,
                ["change"] = d.Change.ToString().ToLowerInvariant(),
                ["before"] = d.Before is null ? null : JsonNode.Parse(d.Before),
                ["after"] = d.After is null ? null : JsonNode.Parse(d.After),
            }).ToArray())).ConfigureAwait(false);
            return;
        }

        if (differences.Count == 0)
        {
            await console.Out.WriteLineAsync("no differences").ConfigureAwait(false);
            return;
        }

        foreach (var difference in differences)
        {
            await console.Out.WriteLineAsync(difference.ToString()).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync($"{differences.Count} difference(s)").ConfigureAwait(false);
    }
}
