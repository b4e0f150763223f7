// Catalog at size: loads SERIALS x DAYS backup rows (one in ten attempts failed) straight with SQL, then times one
// serial's history (ListAsync by serial, matched in another case) and the fleet overview (NewestGoodPerServerAsync)
// through the product's catalogs, then the fleet page's state (serve's FleetStateReader) from the catalog's aggregates
// against the old way (every row listed, then computed), time and memory allocated. A baseline of 1/100 of the rows is
// measured in the same run. The first attempt of one server in ten failed before naming its serial (rows without one).
//   dotnet run -c Release -- --rows 1000000 --serials 10000 --sqlite DIR [--pg URL --pg-baseline URL]
using System.Globalization;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.Serve.Fleet;
using Microsoft.Data.Sqlite;
using Npgsql;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
var rows = int.Parse(options.GetValueOrDefault("rows", "1000000"), CultureInfo.InvariantCulture);
var serials = int.Parse(options.GetValueOrDefault("serials", "10000"), CultureInfo.InvariantCulture);
const string Snapshot = """{"network":{"hostname":"ilo-bench","dhcp":false,"ipv4":"10.0.0.1"},"users":["Administrator","ops"],"snmp":{"communities":1},"ntp":["10.0.0.2"],"license":"Advanced"}""";
const long Day = 86_400_000, Start = 1_767_225_600_000;

Console.WriteLine($"catalog at size: history of one serial (goal < 50 ms) and fleet overview (goal < 1 s); baseline = {rows / 100:N0} rows ({serials / 100:N0} serials) in the same run");
Console.WriteLine($"{"catalog",-10} | {"rows",9} | {"load",7} | {"history",9} | {"vs base",7} | {"vs goal",7} | {"overview",9} | {"vs base",7} | {"vs goal",7}");
var fleetLines = new List<string>();
var sqliteDir = options["sqlite"];
var sqliteBase = await MeasureSqlite(Path.Combine(sqliteDir, "base.db"), rows / 100, serials / 100, null);
await MeasureSqlite(Path.Combine(sqliteDir, "catalog.db"), rows, serials, sqliteBase);
if (options.TryGetValue("pg", out var pg))
{
    var pgBase = await MeasurePostgres(options["pg-baseline"], rows / 100, serials / 100, null);
    await MeasurePostgres(pg, rows, serials, pgBase);
}

Console.WriteLine();
Console.WriteLine("fleet page's state (serve): from the catalog's aggregates (median of 3 warm; CPU of this process in one) against every row listed then computed (once); MB allocated; MB the rows held");
Console.WriteLine($"{"catalog",-10} | {"rows",9} | {"servers",7} | {"aggregates",10} | {"our CPU",10} | {"alloc",8} | {"per server",10} | {"every row",9} | {"alloc",8} | {"rows held",9} | same");
fleetLines.ForEach(Console.WriteLine);

async Task<(double History, double Overview)> MeasureSqlite(string path, int count, int servers, (double, double)? baseline)
{
    await (await Task.Run(() => SqliteBackupCatalog.Open(path, readOnly: false))).DisposeAsync(); // the product's schema
    var loaded = TimeProvider.System.GetTimestamp();
    await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1}) "
            + "INSERT INTO backups (host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, "
            + "password_protected, snapshot, snapshot_sha256, failure_reason, suspect, record_id) "
            + $"SELECT 'https://srv' || (i % {servers}) || '.lab/', CASE WHEN (i % {servers} + i / {servers}) % 10 = 9 THEN 'failed' ELSE 'succeeded' END, "
            + $"{Start} + (i / {servers}) * {Day}, CASE WHEN i < {servers} AND (i % {servers}) % 10 = 9 THEN NULL ELSE printf('SRV%06d', i % {servers}) END, "
            + "'ProLiant DL360 Gen10 Plus', '867959-B21', 'iLO 5', '2.78', "
            + $"printf('HPE_SRV%06d_%d.bak', i % {servers}, i / {servers}), "
            + $"CASE WHEN (i % {servers} + i / {servers}) % 10 = 9 THEN NULL ELSE printf('%064d', i) END, "
            + $"CASE WHEN (i % {servers} + i / {servers}) % 10 = 9 THEN NULL ELSE 3000000 + i % 1000 END, 0, '{Snapshot}', printf('%064d', i % 7), "
            + $"CASE WHEN (i % {servers} + i / {servers}) % 10 = 9 THEN 'timed out' END, 0, printf('%032d', i) FROM n; ANALYZE;";
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    var load = TimeProvider.System.GetElapsedTime(loaded);
    await using var catalog = await Task.Run(() => SqliteBackupCatalog.Open(path, readOnly: true));
    var result = await Report("SQLite", catalog, count, servers, load, baseline);
    fleetLines.Add(await Fleet("SQLite", catalog, count));
    return result;
}

async Task<(double History, double Overview)> MeasurePostgres(string url, int count, int servers, (double, double)? baseline)
{
    var address = PostgresCatalogAddress.Parse(url);
    await (await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: false))).DisposeAsync();
    var loaded = TimeProvider.System.GetTimestamp();
    await using (var connection = new NpgsqlConnection(address.ConnectionString()))
    {
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO backups (host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, "
            + "password_protected, snapshot, snapshot_sha256, failure_reason, suspect, record_id) "
            + $"SELECT 'https://srv' || (i % {servers}) || '.lab/', CASE WHEN f THEN 'failed' ELSE 'succeeded' END, "
            + $"{Start} + (i / {servers}) * {Day}, CASE WHEN i < {servers} AND f THEN NULL ELSE 'SRV' || lpad((i % {servers})::text, 6, '0') END, "
            + "'ProLiant DL360 Gen10 Plus', '867959-B21', 'iLO 5', '2.78', "
            + $"'HPE_SRV' || lpad((i % {servers})::text, 6, '0') || '_' || (i / {servers}) || '.bak', "
            + "CASE WHEN f THEN NULL ELSE lpad(i::text, 64, '0') END, CASE WHEN f THEN NULL ELSE 3000000 + i % 1000 END, false, "
            + $"'{Snapshot}', lpad((i % 7)::text, 64, '0'), CASE WHEN f THEN 'timed out' END, false, lpad(i::text, 32, '0') "
            + $"FROM (SELECT i, (i % {servers} + i / {servers}) % 10 = 9 AS f FROM generate_series(0::bigint, {count - 1}) AS i) AS g; ANALYZE backups;",
            connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    var load = TimeProvider.System.GetElapsedTime(loaded);
    await using var catalog = await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: true));
    var result = await Report("PostgreSQL", catalog, count, servers, load, baseline);
    fleetLines.Add(await Fleet("PostgreSQL", catalog, count));
    return result;
}

static async Task<(double History, double Overview)> Report(
    string name, IBackupCatalog catalog, int count, int servers, TimeSpan load, (double History, double Overview)? baseline)
{
    var serial = $"srv{servers / 2:D6}"; // another case than stored: the NOCASE match
    var history = await Median(21, async () =>
    {
        var list = await catalog.ListAsync(new BackupQuery { Serial = serial }, default);
        return list.Count == count / servers ? list.Count : throw new InvalidOperationException($"history has {list.Count} rows");
    });
    var overview = await Median(5, async () =>
    {
        var list = await catalog.NewestGoodPerServerAsync(default);
        return list.Count == servers ? list.Count : throw new InvalidOperationException($"overview has {list.Count} rows");
    });
    string Ratio(double value, double? of) => of is { } b ? $"{value / b,6:0.0}x" : "      -";
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-10} | {count,9:N0} | {load.TotalSeconds,5:0.0} s | {history,6:0.0} ms | {Ratio(history, baseline?.History)} | {100 * history / 50,6:0}% | "
        + $"{overview,6:0.0} ms | {Ratio(overview, baseline?.Overview)} | {100 * overview / 1000,6:0}%"));
    return (history, overview);
}

static async Task<string> Fleet(string name, IBackupCatalog catalog, int count)
{
    static IReadOnlyList<string> NoTags(string host) => [];
    FleetState? fromAggregates = null;
    var aggregates = await Median(3, async () => (fromAggregates = await FleetStateReader.ReadAsync(catalog, NoTags, null, DateTimeOffset.UnixEpoch, default)).Servers.Count);
    var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = await Allocated(async () => await FleetStateReader.ReadAsync(catalog, NoTags, null, DateTimeOffset.UnixEpoch, default));
    var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds; // this process only (SQLite runs in it)

    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var started = TimeProvider.System.GetTimestamp();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var rows = await catalog.ListAsync(new BackupQuery(), default);
    var held = GC.GetTotalMemory(forceFullCollection: true) - before;
    var everyRow = FleetStateReader.Compute(rows, NoTags, null, DateTimeOffset.UnixEpoch);
    var oldMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
    var oldAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    rows = null;

    var same = everyRow.Servers.Count == fromAggregates!.Servers.Count
        && everyRow.Servers.Zip(fromAggregates.Servers).All(p => p.First.Key == p.Second.Key && p.First.LastAttempt == p.Second.LastAttempt
            && p.First.LastGood == p.Second.LastGood && p.First.Attempts == p.Second.Attempts && p.First.Stale == p.Second.Stale && p.First.Suspect == p.Second.Suspect)
        && everyRow.Attempts.Count == fromAggregates.Attempts.Count && everyRow.Attempts.All(a => fromAggregates.Attempts.GetValueOrDefault(a.Key) == a.Value);
    const double MB = 1024 * 1024;
    return string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-10} | {count,9:N0} | {fromAggregates.Servers.Count,7:N0} | {aggregates,7:0} ms | {cpu,7:0} ms | {allocated / MB,5:0.0} MB | {allocated / 1024.0 / fromAggregates.Servers.Count,7:0.0} KB | "
        + $"{oldMs,6:0} ms | {oldAllocated / MB,5:0} MB | {held / MB,6:0} MB | {(same ? "yes" : "NO")}");
}

static async Task<long> Allocated(Func<Task> read)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    await read();
    return GC.GetTotalAllocatedBytes(precise: true) - before;
}

static async Task<double> Median(int runs, Func<Task<int>> query)
{
    await query(); // warm: the first read pulls pages into the cache
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var started = TimeProvider.System.GetTimestamp();
        await query();
        times.Add(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    return times[runs / 2];
}
