using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>One row's columns and values, as a new backup (<see cref="AddAsync"/>) and an imported one (<see cref="ImportAsync"/>) insert them.</summary>
public sealed partial class SqliteBackupCatalog
{
    private const string RowColumns =
        "host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, password_protected, "
        + "snapshot, snapshot_sha256, snapshot_unchanged, failure_reason, suspect, record_id, suspect_reason, runner, run_id";

    private const string RowValues =
        "$host, $outcome, $at, $serial, $product, $productId, $generation, $firmware, $fileName, $sha256, $size, $protected, "
        + "$snapshot, $snapshotSha, $unchanged, $reason, $suspect, $record, $suspectReason, $runner, $runId";

    private static void BindRow(SqliteParameterCollection p, BackupEntry row, string? snapshotHash = null)
    {
        p.AddWithValue("$host", row.Host);
        p.AddWithValue("$outcome", row.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed");
        p.AddWithValue("$at", row.TakenAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$serial", (object?)row.Identity.SerialNumber ?? DBNull.Value);
        p.AddWithValue("$product", (object?)row.Identity.ProductName ?? DBNull.Value);
        p.AddWithValue("$productId", (object?)row.Identity.ProductId ?? DBNull.Value);
        p.AddWithValue("$generation", (object?)row.Identity.IloGeneration ?? DBNull.Value);
        p.AddWithValue("$firmware", (object?)row.Identity.FirmwareVersion ?? DBNull.Value);
        p.AddWithValue("$fileName", (object?)row.FileName ?? DBNull.Value);
        p.AddWithValue("$sha256", (object?)row.Sha256 ?? DBNull.Value);
        p.AddWithValue("$size", (object?)row.Size ?? DBNull.Value);
        p.AddWithValue("$protected", row.PasswordProtected ? 1 : 0);
        p.AddWithValue("$snapshot", (object?)row.Snapshot ?? DBNull.Value);
        p.AddWithValue("$snapshotSha", (object?)(snapshotHash ?? SnapshotFingerprint.Compute(row.Snapshot)) ?? DBNull.Value);
        p.AddWithValue("$unchanged", row.SnapshotUnchanged is { } unchanged ? unchanged ? 1 : 0 : DBNull.Value);
        p.AddWithValue("$reason", (object?)row.FailureReason ?? DBNull.Value);
        p.AddWithValue("$suspect", row.Suspect ? 1 : 0);
        p.AddWithValue("$record", (object?)row.RecordId ?? DBNull.Value);
        p.AddWithValue("$suspectReason", (object?)row.SuspectReason ?? DBNull.Value);
        p.AddWithValue("$runner", (object?)row.Runner ?? DBNull.Value);
        p.AddWithValue("$runId", (object?)row.RunId ?? DBNull.Value);
    }
}
