using System.Text;
using IloBackup.Cli.Tests.Crash;
using Npgsql;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// <c>ilobackup serve --once</c> runners of a <see cref="SharedSite"/> as child processes (issue 20). Each has, as on a machine
/// of its own, its own inventory (a subset of the emulated fleet) and its own repository file: the same catalog and bucket,
/// its own work directory (staging, run records).
/// </summary>
internal static class ServeRunners
{
    public static ChildCli Serve(this SharedSite site, string name, IEnumerable<int> ilos, params string[] more)
    {
        var folder = Path.GetDirectoryName(site.Descriptor)!;
        var inventory = Path.Combine(folder, $"serve-{name}.yaml");
        File.WriteAllText(inventory, Subset(File.ReadAllText(site.Emulated.Inventory), [.. ilos.Select(site.Serial)]));
        var descriptor = Path.Combine(folder, $"site-{name}.yaml");
        File.WriteAllText(descriptor, File.ReadAllText(site.Descriptor) + $"work-directory: work-{name}\n");
        return ChildCli.Start(null, ["serve", "--once", "--inventory", inventory, "--repo", descriptor, "--runner", name, .. more]);
    }

    /// <summary>The host lines <c>serve --once</c> printed (host, serial, status, backup, note), by upper-cased serial.</summary>
    public static IReadOnlyDictionary<string, (string Status, string Backup, string Note)> Hosts(ChildCli serve) =>
        serve.Output.Split('\n').Select(l => l.TrimEnd('\r').Split('\t')).Where(f => f.Length == 5)
            .ToDictionary(f => f[1].ToUpperInvariant(), f => (f[2], f[3], f[4]), StringComparer.Ordinal);

    /// <summary>The run ids of the rows in the catalog.</summary>
    public static async Task<IReadOnlyList<string>> RunIdsAsync(this SharedSite site)
    {
        await using var connection = new NpgsqlConnection(site.AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT coalesce(run_id, '-') FROM backups ORDER BY 1;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>How many leases of a run are still held unfinished (state <c>running</c>).</summary>
    public static async Task<long> RunningLeasesAsync(this SharedSite site, string run)
    {
        await using var connection = new NpgsqlConnection(site.AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM leases WHERE run_id = @run AND state = 'running';", connection);
        command.Parameters.AddWithValue("run", run);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The inventory with only the hosts of <paramref name="serials"/> (the emulator writes one <c>- host:</c> block per iLO).</summary>
    private static string Subset(string inventory, IReadOnlyCollection<string> serials)
    {
        var parts = inventory.Split("\n  - host: ");
        var kept = new StringBuilder(parts[0]);
        foreach (var block in parts.Skip(1).Where(b => serials.Any(s => b.Contains($"serial: {s}\n", StringComparison.Ordinal) || b.Contains($"serial: \"{s}\"\n", StringComparison.Ordinal))))
        {
            kept.Append("\n  - host: ").Append(block);
        }

        return kept.ToString().TrimEnd('\n') + "\n";
    }
}
