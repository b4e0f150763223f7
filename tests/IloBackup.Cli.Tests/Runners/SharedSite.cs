using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Crash;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;
using Npgsql;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// One site for runner processes (issue 20): an emulated fleet, a PostgreSQL catalog and an s3rver bucket named by a
/// repository file (<c>site.yaml</c>), and <c>ilobackup fleet backup --repo site.yaml --runner NAME --run-id ID</c> as child processes.
/// </summary>
internal sealed class SharedSite : IAsyncDisposable
{
    private readonly string _database;

    private SharedSite(EmulatedFleet emulated, string database, string descriptor)
    {
        Emulated = emulated;
        _database = database;
        Descriptor = descriptor;
    }

    public EmulatedFleet Emulated { get; }
    public string Descriptor { get; }

    public static async Task<SharedSite> StartAsync(S3rver s3, int count, TimeSpan? backupDuration = null)
    {
        var server = PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);
        var emulated = await EmulatedFleet.StartAsync(count, backupDuration);
        var url = await server.CreateDatabaseAsync();
        var bucket = await s3.NewBucketAsync();
        var credentials = Path.Combine(emulated.Directory, "s3.credentials");
        await File.WriteAllTextAsync(credentials, $"[default]\naws_access_key_id = {S3rver.AccessKey}\naws_secret_access_key = {S3rver.SecretKey}\n");
        var descriptor = Path.Combine(emulated.Directory, "site.yaml");
        await File.WriteAllTextAsync(descriptor, $"""
            ilobackup-repository: 1
            catalog: {url}
            objects: s3://{bucket.Bucket}/{bucket.Prefix}
            s3-endpoint: {s3.Endpoint.ToString().TrimEnd('/')}
            s3-path-style: true
            s3-credentials-file: {credentials}

            """);
        return new SharedSite(emulated, url.Split('?')[0].Split('/')[^1], descriptor);
    }

    public string Serial(int i) => Emulated.Fleet[i].Identity.ServerSerial;

    /// <summary>A runner over the iLOs <paramref name="ilos"/> (by index), as a child process, JSON report on stdout.</summary>
    public ChildCli Runner(string name, string run, IEnumerable<int> ilos, params string[] more) =>
        ChildCli.Start(
            null,
            [
                "fleet", "backup", "--inventory", Emulated.Inventory, "--repo", Descriptor, "--runner", name, "--run-id", run,
                "--limit", string.Join(',', ilos.Select(Serial)), "--json", .. more,
            ]);

    /// <summary>How many rows each serial has in a run (succeeded and failed), by upper-cased serial.</summary>
    public async Task<IReadOnlyDictionary<string, (int Rows, string Runners)>> RowsPerSerialAsync(string run)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT upper(serial), count(*), string_agg(DISTINCT runner, ',') FROM backups WHERE run_id = @run GROUP BY 1;", connection);
        command.Parameters.AddWithValue("run", run);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = ((int)reader.GetInt64(1), reader.GetString(2));
        }

        return rows;
    }

    /// <summary>The JSON report a finished runner printed (its stdout holds the JSON, stderr lines around it).</summary>
    public static JsonNode Report(ChildCli runner)
    {
        var lines = runner.Output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith('{'));
        var end = Array.FindLastIndex(lines, l => l.StartsWith('}'));
        return start < 0 || end < start ? throw new InvalidOperationException($"no JSON report in: {runner.Output}") : JsonNode.Parse(string.Join('\n', lines[start..(end + 1)]))!;
    }

    public string AdminConnectionString() => PostgresServer.Shared!.AdminConnectionString(_database);

    public async ValueTask DisposeAsync() => await Emulated.DisposeAsync();

    public static string Seconds(int s) => s.ToString(CultureInfo.InvariantCulture) + "s";
}
