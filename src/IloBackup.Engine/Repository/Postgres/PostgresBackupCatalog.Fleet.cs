using Npgsql;
using NpgsqlTypes;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>The fleet summary's reads (<see cref="ICatalogFleetSource"/>) on one connection, in one repeatable-read, read-only transaction.</summary>
public sealed partial class PostgresBackupCatalog
{
    private const string NewestFirst = "ORDER BY taken_at_ms DESC, id DESC LIMIT 1";

    public async Task<CatalogFleetSummary> FleetSummaryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            // Short index probes: compiling them (JIT, on for the estimated cost of a large table) took longer than running them.
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY; SET LOCAL jit = off;", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var summary = await CatalogFleetQueries.SummaryAsync(new FleetSource(connection, transaction), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return summary;
        }
        catch (NpgsqlException ex)
        {
            throw Failure("cannot read the catalog", ex);
        }
    }

    private sealed class FleetSource(NpgsqlConnection connection, NpgsqlTransaction transaction) : ICatalogFleetSource
    {
        private IReadOnlyList<CatalogOutcomeCount>? _outcomes;

        // One serial's rows, exact spelling, found through the upper(serial) indexes.
        private static string Match(string key) => $"upper(serial) = upper({key}) AND serial = {key}";

        /// <remarks>
        /// Serials are grouped by <c>upper(serial)</c> first, so each group's newest rows are one early-stopping probe of the
        /// upper(serial) indexes (with the exact spelling in the condition the planner reads every row of the serial and sorts).
        /// The rare group spelled in several cases is then read per exact spelling.
        /// </remarks>
        public async Task<IReadOnlyList<CatalogPartMarks>> SerialPartsAsync(CancellationToken cancellationToken)
        {
            // One pass over the table (parallel) counts by serial and by outcome and reason at once (g); the outcome rows
            // (kind 1) are kept for OutcomesAsync.
            const string Order = "ORDER BY upper(serial), taken_at_ms DESC, id DESC LIMIT 1";
            var grouped = await ReadAsync(
                "WITH g AS (SELECT upper(serial) AS k, min(serial) AS s, max(serial) AS m, outcome, CASE WHEN outcome = 'failed' THEN failure_reason END AS reason, "
                + "count(*) AS n FROM backups GROUP BY 1, 4, 5), "
                + "p AS (SELECT k, min(s) AS serial, min(s) <> max(m) AS mixed, sum(n)::bigint AS n FROM g WHERE k IS NOT NULL GROUP BY k) "
                + $"SELECT 0, p.serial, p.n, p.mixed, {Newest("upper(serial) = p.k", Order, "p.mixed")}, p.k, NULL::text, NULL::text FROM p "
                + "UNION ALL SELECT 1, NULL, sum(n)::bigint, NULL, NULL, NULL, NULL, NULL, outcome, reason FROM g GROUP BY outcome, reason;",
                _ => { },
                r => r.GetInt32(0) == 1
                    ? (Row: 1, Mixed: false, Marks: null, Key: string.Empty,
                        Outcome: new CatalogOutcomeCount(r.GetString(8) == "succeeded" ? BackupOutcome.Succeeded : BackupOutcome.Failed, Text(r, 9), r.GetInt64(2)))
                    : (Row: 0, Mixed: r.GetBoolean(3), Marks: r.GetBoolean(3) ? null : new CatalogPartMarks(r.GetString(1), r.GetInt64(2), r.GetInt64(4), Id(r, 5), Id(r, 6)),
                        Key: r.GetString(7), Outcome: (CatalogOutcomeCount?)null),
                cancellationToken).ConfigureAwait(false);
            _outcomes = [.. grouped.Where(g => g.Row == 1).Select(g => g.Outcome!)];
            grouped = [.. grouped.Where(g => g.Row == 0)];
            var parts = grouped.Where(g => !g.Mixed).Select(g => g.Marks!).ToList();
            var mixed = grouped.Where(g => g.Mixed).Select(g => g.Key).ToArray();
            if (mixed.Length > 0)
            {
                parts.AddRange(await ExactPartsAsync(
                    "upper(serial) = ANY(@mixed)", Match("p.k"), Order,
                    p => p.Add(new NpgsqlParameter("mixed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = mixed }),
                    cancellationToken).ConfigureAwait(false));
            }

            return parts;
        }

        /// <summary>The three newest-row probes of a part (any outcome, good, succeeded with a file), null where <paramref name="skip"/>.</summary>
        private static string Newest(string match, string order, string skip = "false") =>
            $"CASE WHEN {skip} THEN NULL ELSE (SELECT id FROM backups WHERE {match} {order}) END, "
            + $"CASE WHEN {skip} THEN NULL ELSE (SELECT id FROM backups WHERE {match} AND outcome = 'succeeded' AND NOT suspect AND sha256 IS NOT NULL {order}) END, "
            + $"CASE WHEN {skip} THEN NULL ELSE (SELECT id FROM backups WHERE {match} AND outcome = 'succeeded' AND sha256 IS NOT NULL {order}) END";

        private Task<IReadOnlyList<CatalogPartMarks>> ExactPartsAsync(
            string where, string match, string order, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken) =>
            ReadAsync(
                $"SELECT p.k, p.n, {Newest(match, order)} FROM (SELECT serial AS k, count(*) AS n FROM backups WHERE {where} GROUP BY serial) p;",
                bind,
                r => new CatalogPartMarks(r.GetString(0), r.GetInt64(1), r.GetInt64(2), Id(r, 3), Id(r, 4)),
                cancellationToken);

        public async Task UnnamedRowsAsync(Action<CatalogUnnamedRow> each, CancellationToken cancellationToken)
        {
            // upper(serial) IS NULL exactly when serial is: the upper(serial) index finds them.
            await using var command = new NpgsqlCommand(
                "SELECT host, id, taken_at_ms, outcome = 'succeeded', sha256 IS NOT NULL, suspect, generation, firmware FROM backups WHERE upper(serial) IS NULL;", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                each(new CatalogUnnamedRow(
                    reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), Text(reader, 6), Text(reader, 7)));
            }
        }

        public Task<IReadOnlyList<BackupEntry>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
            ReadAsync(
                $"SELECT {Columns} FROM backups WHERE id = ANY(@ids);",
                p => p.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() }),
                CatalogRow.Read,
                cancellationToken);

        public Task<IReadOnlyList<(string Key, CatalogFirmwareSeen Seen)>> FirmwareSinceAsync(
            IReadOnlyList<(string Key, long AfterMs)> parts, CancellationToken cancellationToken) =>
            ReadAsync(
                "SELECT f.k, b.generation, b.firmware, max(b.taken_at_ms) FROM unnest(@keys, @after) AS f(k, t) "
                + $"CROSS JOIN LATERAL (SELECT generation, firmware, taken_at_ms FROM backups WHERE {Match("f.k")} "
                + "AND taken_at_ms > f.t AND firmware IS NOT NULL) b GROUP BY f.k, b.generation, b.firmware;",
                p =>
                {
                    p.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = parts.Select(x => x.Key).ToArray() });
                    p.Add(new NpgsqlParameter("after", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = parts.Select(x => x.AfterMs).ToArray() });
                },
                r => (r.GetString(0), new CatalogFirmwareSeen(Text(r, 1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))),
                cancellationToken);

        /// <remarks>A loose index scan of the (host, time) index, one probe per host: DISTINCT read the whole table.</remarks>
        public Task<IReadOnlyList<string>> HostsAsync(CancellationToken cancellationToken) =>
            ReadAsync(
                "WITH RECURSIVE h(host) AS ((SELECT host FROM backups ORDER BY host LIMIT 1) UNION ALL "
                + "SELECT (SELECT host FROM backups WHERE host > h.host ORDER BY host LIMIT 1) FROM h WHERE h.host IS NOT NULL) "
                + "SELECT host FROM h WHERE host IS NOT NULL;",
                _ => { },
                r => r.GetString(0),
                cancellationToken);

        public Task<IReadOnlyList<CatalogHostSerial>> HostSerialsAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken) =>
            ReadAsync(
                "SELECT b.host, b.serial, b.taken_at_ms, b.id FROM unnest(@hosts) AS h(host) "
                + $"CROSS JOIN LATERAL (SELECT host, serial, taken_at_ms, id FROM backups WHERE host = h.host AND serial IS NOT NULL {NewestFirst}) b;",
                p => p.Add(new NpgsqlParameter("hosts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = hosts.ToArray() }),
                r => new CatalogHostSerial(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.GetInt64(3)),
                cancellationToken);

        public Task<IReadOnlyList<CatalogOutcomeCount>> OutcomesAsync(CancellationToken cancellationToken) =>
            _outcomes is { } counted ? Task.FromResult(counted) : ReadAsync(
                "SELECT outcome, CASE WHEN outcome = 'failed' THEN failure_reason END AS reason, count(*) FROM backups GROUP BY 1, 2;",
                _ => { },
                r => new CatalogOutcomeCount(r.GetString(0) == "succeeded" ? BackupOutcome.Succeeded : BackupOutcome.Failed, r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)),
                cancellationToken);

        private static long? Id(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

        private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private async Task<IReadOnlyList<T>> ReadAsync<T>(
            string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            bind(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }
}
