using Npgsql;
using NpgsqlTypes;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>One row's columns and values, as a new backup (<see cref="AddAsync"/>) and an imported one (<see cref="ImportAsync"/>) insert them.</summary>
public sealed partial class PostgresBackupCatalog
{
    private const string RowColumns =
        "host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, password_protected, "
        + "snapshot, snapshot_sha256, snapshot_unchanged, failure_reason, suspect, record_id, suspect_reason, runner, run_id";

    private const string RowValues =
        "@host, @outcome, @at, @serial, @product, @productId, @generation, @firmware, @fileName, @sha256, @size, @protected, "
        + "@snapshot, @snapshotSha, @unchanged, @reason, @suspect, @record, @suspectReason, @runner, @runId";

    private static void BindRow(NpgsqlParameterCollection p, BackupEntry row, string? snapshotHash = null)
    {
        p.AddWithValue("host", row.Host);
        p.AddWithValue("outcome", row.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed");
        p.AddWithValue("at", row.TakenAt.ToUnixTimeMilliseconds());
        Text(p, "serial", row.Identity.SerialNumber);
        Text(p, "product", row.Identity.ProductName);
        Text(p, "productId", row.Identity.ProductId);
        Text(p, "generation", row.Identity.IloGeneration);
        Text(p, "firmware", row.Identity.FirmwareVersion);
        Text(p, "fileName", row.FileName);
        Text(p, "sha256", row.Sha256);
        p.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = (object?)row.Size ?? DBNull.Value });
        p.AddWithValue("protected", row.PasswordProtected);
        Text(p, "snapshot", row.Snapshot);
        Text(p, "snapshotSha", snapshotHash ?? SnapshotFingerprint.Compute(row.Snapshot));
        p.Add(new NpgsqlParameter("unchanged", NpgsqlDbType.Boolean) { Value = (object?)row.SnapshotUnchanged ?? DBNull.Value });
        Text(p, "reason", row.FailureReason);
        p.AddWithValue("suspect", row.Suspect);
        Text(p, "record", row.RecordId);
        Text(p, "suspectReason", row.SuspectReason);
        Text(p, "runner", row.Runner);
        Text(p, "runId", row.RunId);
    }
}
