using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>The fleet summary's reads (<see cref="ICatalogFleetSource"/>), in one read transaction under the connection's gate.</summary>
public sealed partial class SqliteBackupCatalog
{
    private const string NewestFirst = "ORDER BY taken_at_ms DESC, id DESC LIMIT 1";

    public async Task<CatalogFleetSummary> FleetSummaryAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            return await CatalogFleetQueries.SummaryAsync(new FleetSource(this, transaction), cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new RepositoryException($"cannot read the catalog: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class FleetSource(SqliteBackupCatalog catalog, SqliteTransaction transaction) : ICatalogFleetSource
    {
        public Task<IReadOnlyList<CatalogPartMarks>> SerialPartsAsync(CancellationToken cancellationToken)
        {
            // Per serial one early-stopping probe each of the (serial, time) index, which is BINARY: the exact spelling.
            const string Good = "outcome = 'succeeded' AND sha256 IS NOT NULL";
            return ReadAsync(
                $"SELECT p.k, p.n, (SELECT id FROM backups WHERE serial = p.k {NewestFirst}), "
                + $"(SELECT id FROM backups WHERE serial = p.k AND {Good}{catalog._notSuspect} {NewestFirst}), "
                + $"(SELECT id FROM backups WHERE serial = p.k AND {Good} {NewestFirst}) "
                + "FROM (SELECT serial AS k, count(*) AS n FROM backups WHERE serial IS NOT NULL GROUP BY serial) p;",
                _ => { },
                r => new CatalogPartMarks(r.GetString(0), r.GetInt64(1), r.GetInt64(2), Id(r, 3), Id(r, 4)),
                cancellationToken);
        }

        public async Task UnnamedRowsAsync(Action<CatalogUnnamedRow> each, CancellationToken cancellationToken)
        {
            using var command = catalog._connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                $"SELECT host, id, taken_at_ms, outcome = 'succeeded', sha256 IS NOT NULL, {(catalog._notSuspect.Length > 0 ? "suspect" : "0")}, generation, firmware "
                + "FROM backups WHERE serial IS NULL;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                each(new CatalogUnnamedRow(
                    reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.GetInt64(3) != 0, reader.GetInt64(4) != 0, reader.GetInt64(5) != 0, Text(reader, 6), Text(reader, 7)));
            }
        }

        public Task<IReadOnlyList<BackupEntry>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
            ReadAsync(
                $"SELECT {catalog._columns} FROM backups WHERE id IN (SELECT value FROM json_each($ids));",
                p => p.AddWithValue("$ids", Json(json => { foreach (var id in ids) { json.WriteNumberValue(id); } })),
                CatalogRow.Read,
                cancellationToken);

        public Task<IReadOnlyList<(string Key, CatalogFirmwareSeen Seen)>> FirmwareSinceAsync(
            IReadOnlyList<(string Key, long AfterMs)> parts, CancellationToken cancellationToken) =>
            ReadAsync(
                "SELECT f.k, b.generation, b.firmware, max(b.taken_at_ms) FROM "
                + "(SELECT json_extract(value, '$[0]') AS k, json_extract(value, '$[1]') AS t FROM json_each($parts)) f "
                + "JOIN backups b ON b.serial = f.k AND b.taken_at_ms > f.t AND b.firmware IS NOT NULL GROUP BY f.k, b.generation, b.firmware;",
                p => p.AddWithValue("$parts", Pairs(parts)),
                r => (r.GetString(0), new CatalogFirmwareSeen(Text(r, 1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))),
                cancellationToken);

        public Task<IReadOnlyList<string>> HostsAsync(CancellationToken cancellationToken) =>
            ReadAsync("SELECT DISTINCT host FROM backups;", _ => { }, r => r.GetString(0), cancellationToken);

        public Task<IReadOnlyList<CatalogHostSerial>> HostSerialsAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken) =>
            ReadAsync(
                "SELECT b.host, b.serial, b.taken_at_ms, b.id FROM json_each($hosts) h "
                + $"JOIN backups b ON b.id = (SELECT id FROM backups WHERE host = h.value AND serial IS NOT NULL {NewestFirst});",
                p => p.AddWithValue("$hosts", Json(json => { foreach (var host in hosts) { json.WriteStringValue(host); } })),
                r => new CatalogHostSerial(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3)),
                cancellationToken);

        public Task<IReadOnlyList<CatalogOutcomeCount>> OutcomesAsync(CancellationToken cancellationToken) =>
            ReadAsync(
                "SELECT outcome, CASE WHEN outcome = 'failed' THEN failure_reason END AS reason, count(*) FROM backups GROUP BY outcome, reason;",
                _ => { },
                r => new CatalogOutcomeCount(r.GetString(0) == "succeeded" ? BackupOutcome.Succeeded : BackupOutcome.Failed, r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)),
                cancellationToken);

        private static long? Id(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

        private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static string Pairs(IReadOnlyList<(string Key, long AfterMs)> parts) => Json(json =>
        {
            foreach (var (key, after) in parts)
            {
                json.WriteStartArray();
                json.WriteStringValue(key);
                json.WriteNumberValue(after);
                json.WriteEndArray();
            }
        });

        /// <summary>A JSON array of what <paramref name="write"/> writes: lists go to SQLite as one parameter, read back with <c>json_each</c>.</summary>
        private static string Json(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                write(json);
                json.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private async Task<IReadOnlyList<T>> ReadAsync<T>(
            string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        {
            using var command = catalog._connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command.Parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }
}
