using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Cli.Diff;

/// <summary><c>diff 12 15</c>: a repository backup id (digits, or <c>#12</c>) stands for that backup's readable snapshot.</summary>
internal static class RepositorySnapshot
{
    public static bool IsId(string argument) =>
        !File.Exists(argument) && long.TryParse(argument.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static async Task<JsonObject> LoadAsync(string argument, string? repo, CancellationToken cancellationToken)
    {
        var id = RepoCli.ParseId(argument);
        await using var repository = await RepoCli.OpenAsync(repo, readOnly: true, cancellationToken).ConfigureAwait(false);
        var entry = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new RepositoryException($"no backup {id} in {repository.Location}");
        if (entry.Snapshot is null)
        {
            throw new InvalidOperationException($"backup {id} has no snapshot (a failed attempt, or taken with --no-snapshot): nothing to compare");
        }

        try
        {
            return SnapshotText.Parse(entry.Snapshot) as JsonObject
                ?? throw new InvalidOperationException($"the snapshot of backup {id} is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"the snapshot of backup {id} is not valid JSON: {ex.Message}", ex);
        }
    }
}
