using Npgsql;
using NpgsqlTypes;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>Rows copied in from another catalog with their ids (<c>repo migrate</c>).</summary>
public sealed partial class PostgresBackupCatalog
{
    /// <remarks>
    /// The id column is an identity (<c>GENERATED ALWAYS</c>): an explicit id needs <c>OVERRIDING SYSTEM VALUE</c>, and
    /// the sequence is then moved up to it (never down), in the same transaction, so the next backup's id is past it.
    /// </remarks>
    public async Task<bool> ImportAsync(BackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO backups (id, host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, "
                + "sha256, size, password_protected, snapshot, snapshot_sha256, snapshot_unchanged, failure_reason, suspect, record_id, suspect_reason, runner, run_id) "
                + "OVERRIDING SYSTEM VALUE VALUES (@id, @host, @outcome, @at, @serial, @product, @productId, @generation, @firmware, @fileName, "
                + "@sha256, @size, @protected, @snapshot, @snapshotSha, @unchanged, @reason, @suspect, @record, @suspectReason, @runner, @runId) ON CONFLICT (id) DO NOTHING;",
                connection,
                transaction);
            var p = insert.Parameters;
            p.AddWithValue("id", entry.Id);
            p.AddWithValue("host", entry.Host);
            p.AddWithValue("outcome", entry.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed");
            p.AddWithValue("at", entry.TakenAt.ToUnixTimeMilliseconds());
            Text(p, "serial", entry.Identity.SerialNumber);
            Text(p, "product", entry.Identity.ProductName);
            Text(p, "productId", entry.Identity.ProductId);
            Text(p, "generation", entry.Identity.IloGeneration);
            Text(p, "firmware", entry.Identity.FirmwareVersion);
            Text(p, "fileName", entry.FileName);
            Text(p, "sha256", entry.Sha256);
            p.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = (object?)entry.Size ?? DBNull.Value });
            p.AddWithValue("protected", entry.PasswordProtected);
            Text(p, "snapshot", entry.Snapshot);
            Text(p, "snapshotSha", SnapshotFingerprint.Compute(entry.Snapshot));
            p.Add(new NpgsqlParameter("unchanged", NpgsqlDbType.Boolean) { Value = (object?)entry.SnapshotUnchanged ?? DBNull.Value });
            Text(p, "reason", entry.FailureReason);
            p.AddWithValue("suspect", entry.Suspect);
            Text(p, "record", entry.RecordId);
            Text(p, "suspectReason", entry.SuspectReason);
            Text(p, "runner", entry.Runner);
            Text(p, "runId", entry.RunId);
            var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            await using (var ahead = new NpgsqlCommand(
                "SELECT setval(s, GREATEST(@id, coalesce(pg_sequence_last_value(s), 0)), true) "
                + "FROM (SELECT pg_get_serial_sequence('backups', 'id')::regclass AS s) q;",
                connection,
                transaction))
            {
                ahead.Parameters.AddWithValue("id", entry.Id);
                await ahead.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return inserted;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"cannot import entry {entry.Id} into the catalog", ex);
        }
    }
}
